import Foundation
import HTTPTypes
import GRDB
import VaxCore
import SQLiteStore

/// The centre's storage in SQLite: sites and the hashes of their tokens, and every resource the sites
/// sent, stored by type and id (the site's record id), with the fields searches and reports need.
public final class CentralStore: CentralStorage {
    let pool: DatabasePool

    public init(path: String) throws {
        // The centre's file holds the country's people: readable by the service's user only. SQLite
        // gives its WAL and shared-memory files the mode of the database file.
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        pool = try DatabasePool(path: path, configuration: configuration)
        // A site forgets what the centre acknowledged: the centre's commit must be on its disk first.
        try pool.requireFullSync()
        try Self.migrator.migrate(pool)
    }

    /// How the writer connection commits (journal mode and `synchronous`), as SQLite reports it.
    public func writerDurability() throws -> CommitDurability {
        try pool.writerDurability()
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-central") { db in
            try db.execute(sql: """
                CREATE TABLE site (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL UNIQUE,
                    token_hash TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE resource (
                    type TEXT NOT NULL,
                    id TEXT NOT NULL,
                    site_id TEXT NOT NULL REFERENCES site(id),
                    version INTEGER NOT NULL,
                    json TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    patient_id TEXT,
                    status TEXT,
                    product TEXT,
                    dose_number INTEGER,
                    lot TEXT,
                    day TEXT,
                    serious INTEGER,
                    doses_per_vial INTEGER,
                    doses_wasted INTEGER,
                    -- meta.lastUpdated as the site sent it: an older copy never replaces a newer one.
                    source_updated TEXT,
                    PRIMARY KEY (type, id)
                );
                CREATE INDEX resource_patient ON resource(type, patient_id);
                CREATE INDEX resource_report ON resource(type, site_id, day);
                CREATE TABLE resource_identifier (
                    type TEXT NOT NULL,
                    id TEXT NOT NULL,
                    system TEXT,
                    value TEXT NOT NULL
                );
                CREATE INDEX resource_identifier_value ON resource_identifier(type, value);
                CREATE INDEX resource_identifier_resource ON resource_identifier(type, id);
                """)
        }
        migrator.registerMigration("v2-least-privilege") { db in
            for statement in CentralSchema.leastPrivilege(serial: "INTEGER PRIMARY KEY AUTOINCREMENT") {
                try db.execute(sql: statement)
            }
        }
        migrator.registerMigration("v3-audit-heads") { db in
            for statement in CentralSchema.auditHeads { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v4-proposal-review") { db in
            for statement in CentralSchema.proposalReview { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v5-certificate-signing") { db in
            for statement in CentralSchema.certificateSigning { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v6-change-cursor") { db in
            for statement in CentralSchema.changeCursorSQLite { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v7-change-order") { db in
            for statement in CentralSchema.changeOrderSQLite { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v8-person-match") { db in
            for statement in CentralSchema.personMatch { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v9-registrations") { db in
            for statement in CentralSchema.registrations { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v10-reports") { db in
            for statement in CentralSchema.reports { try db.execute(sql: statement) }
        }
        return migrator
    }

    // MARK: Sites and tokens

    public func migrate() async throws {}

    public func insertSite(id: String, name: String, tokenHash: String, at date: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO site (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [id, name, tokenHash, date])
        }
    }

    public func sites() async throws -> [(id: String, name: String)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM site ORDER BY name").map { ($0["id"], $0["name"]) }
        }
    }

    public func rows(_ query: CentralQuery) async throws -> [[SQLValue]] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: query.sql, arguments: Self.arguments(query)).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .int64(let n): .int(Int(n))
                    case .string(let text): .text(text)
                    case .double(let x): .int(Int(x))
                    case .null, .blob: .null
                    }
                }
            }
        }
    }

    public func execute(_ query: CentralQuery) async throws {
        try await pool.write { db in try db.execute(sql: query.sql, arguments: Self.arguments(query)) }
    }

    public func transaction(_ queries: [CentralQuery]) async throws {
        try await pool.write { db in
            for query in queries { try db.execute(sql: query.sql, arguments: Self.arguments(query)) }
        }
    }

    /// One writer commits in order: every change stamped is committed.
    public func changeHorizon() async throws -> Int { Int.max }

    private static func arguments(_ query: CentralQuery) -> StatementArguments {
        StatementArguments(query.values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .text(let text): text
            case .int(let n): n
            case .null: nil
            }
        })
    }
}
