import Crypto
import Foundation
import GRDB
import VaxCore

/// The centre's storage in SQLite: sites and the hashes of their tokens, and every resource the sites
/// sent, stored by type and id (the site's record id), with the fields searches and reports need.
public final class CentralStore: Sendable {
    let pool: DatabasePool

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
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
        return migrator
    }

    // MARK: Sites and tokens

    /// Adds a site; returns its token, `<site id>.<secret>`, which is shown once: only the SHA-256 of the
    /// secret is kept.
    public func addSite(name: String, at date: Date = Date()) throws -> String {
        let id = UUID().uuidString.lowercased()
        var generator = SystemRandomNumberGenerator()
        let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            .base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        try pool.write { db in
            try db.execute(sql: "INSERT INTO site (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [id, name, Self.hash(secret), date])
        }
        return "\(id).\(secret)"
    }

    public func sites() throws -> [(id: String, name: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM site ORDER BY name").map { ($0["id"], $0["name"]) }
        }
    }

    /// The site a token belongs to, or nil. The site is found by the id before the dot; the secret's
    /// hash is then compared in constant time.
    public func site(forToken token: String) throws -> String? {
        let parts = token.split(separator: ".", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let stored = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT token_hash FROM site WHERE id = ?", arguments: [String(parts[0])])
        }
        // A made-up hash for an unknown site, so that both paths take the same time.
        let expected = stored ?? String(repeating: "0", count: 64)
        return Self.constantTimeEqual(Self.hash(String(parts[1])), expected) && stored != nil ? String(parts[0]) : nil
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
