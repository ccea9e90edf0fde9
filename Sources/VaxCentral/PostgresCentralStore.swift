import Foundation
import HTTPTypes
import Logging
import PostgresNIO

/// The centre's storage in PostgreSQL: the same tables as in SQLite, for several instances of the
/// service sharing one database. Each Bundle is one transaction; a resource's row is locked while it
/// is compared and written, so two instances storing the same record at once store it once.
public final class PostgresCentralStore: CentralStorage {
    public let client: PostgresClient
    let logger: Logger

    /// `url`: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`. The client runs as a service of the
    /// application (`client.run()`), which must be running before the first query.
    public init(url: String, logger: Logger = PostgresCentralStore.defaultLogger) throws {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, let user = components.user
        else { throw PostgresURLError(url: url) }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// Warnings and errors only: a server that cannot be reached is told once, not at every retry.
    public static var defaultLogger: Logger {
        var logger = Logger(label: "vaxdesk-central.postgres")
        logger.logLevel = .warning
        return logger
    }

    public struct PostgresURLError: Error, CustomStringConvertible {
        public let url: String
        public var description: String { "not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE): \(url)" }
    }

    /// Brings the database to the newest schema: each numbered migration not yet in `schema_migrations`
    /// runs in a transaction of its own with its row there. Several instances may start at once: one
    /// migrates under an advisory lock, the others wait for it. A database with a migration this program
    /// does not know (a newer centre wrote it) is refused.
    public func migrate() async throws {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(7312021)", logger: logger)
            do {
                try await Self.migrate(connection, logger: logger)
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(7312021)", logger: logger)
                throw error
            }
            try await connection.query("SELECT pg_advisory_unlock(7312021)", logger: logger)
        }
    }

    private static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """, logger: logger)
        var applied: Set<Int> = []
        for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
            .decode(Int.self) {
            applied.insert(version)
        }
        let known = Set(CentralSchema.migrations.map(\.version))
        guard applied.isSubset(of: known) else {
            throw CentralSchema.NewerSchema(versions: applied.subtracting(known).sorted())
        }
        for migration in CentralSchema.migrations where !applied.contains(migration.version) {
            try await connection.query("BEGIN", logger: logger)
            do {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func insertSite(id: String, name: String, tokenHash: String, at date: Date) async throws {
        try await client.query(
            "INSERT INTO site (id, name, token_hash, created_at) VALUES (\(id), \(name), \(tokenHash), \(date))", logger: logger)
    }

    public func sites() async throws -> [(id: String, name: String)] {
        var sites: [(id: String, name: String)] = []
        for try await (id, name) in try await client.query("SELECT id, name FROM site ORDER BY name", logger: logger)
            .decode((String, String).self) {
            sites.append((id, name))
        }
        return sites
    }

    public func rows(_ query: CentralQuery) async throws -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        for try await row in try await client.query(Self.postgres(query), logger: logger) {
            rows.append(try row.map(Self.value))
        }
        return rows
    }

    public func execute(_ query: CentralQuery) async throws {
        try await client.query(Self.postgres(query), logger: logger)
    }

    public func transaction(_ queries: [CentralQuery]) async throws {
        try await client.withTransaction(logger: logger) { connection in
            for query in queries { try await connection.query(Self.postgres(query), logger: self.logger) }
        }
    }

    /// The oldest transaction still running: every change of an older one is committed (or never will be).
    public func changeHorizon() async throws -> Int {
        let rows = try await client.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", logger: logger)
        for try await xmin in rows.decode(Int.self) { return xmin }
        return 0
    }

    private static func postgres(_ query: CentralQuery) -> PostgresQuery {
        var binds = PostgresBindings(capacity: query.values.count)
        for value in query.values {
            switch value {
            case .text(let text): binds.append(text)
            case .int(let n): binds.append(n)
            case .null: binds.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: query.numbered, binds: binds)
    }

    /// A cell as the shared reads take it: integers (and booleans, as 0 or 1), text, or null.
    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2: return .int(Int(try cell.decode(Int16.self)))
        case .int4: return .int(Int(try cell.decode(Int32.self)))
        case .int8: return .int(Int(try cell.decode(Int64.self)))
        case .bool: return .int(try cell.decode(Bool.self) ? 1 : 0)
        case .numeric: return .int(Int(try cell.decode(String.self)) ?? 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    public func store(_ resources: [Result<StorableResource, EntryRefusal>], siteID: String, atomic: Bool, at date: Date)
        async throws -> [Result<HTTPResponse.Status, EntryRefusal>]
    {
        do {
            return try await storeInTransaction(resources, siteID: siteID, atomic: atomic, at: date)
        } catch let error as PostgresTransactionError {
            // A refused entry of a transaction Bundle rolled it back: the refusal is the answer.
            if let refusal = error.closureError as? EntryRefusal { throw refusal }
            throw error
        }
    }

    private func storeInTransaction(_ resources: [Result<StorableResource, EntryRefusal>], siteID: String, atomic: Bool,
                                    at date: Date) async throws -> [Result<HTTPResponse.Status, EntryRefusal>]
    {
        let logger = self.logger
        return try await client.withTransaction(logger: logger) { connection in
            // The rows already there, read (and locked) in one query per type rather than one per entry:
            // a Bundle of 500 records is then some 500 statements, not 2,000 round trips.
            var existing: [String: (siteID: String, json: String, version: Int)] = [:]
            let checked = resources.compactMap { try? $0.get() }
            for type in Set(checked.map(\.type)) {
                let ids = checked.filter { $0.type == type }.map(\.id)
                let rows = try await connection.query(
                    "SELECT id, site_id, json, version FROM resource WHERE type = \(type) AND id = ANY(\(ids)) FOR UPDATE",
                    logger: logger)
                for try await (id, site, json, version) in rows.decode((String, String, String, Int).self) {
                    existing[type + "/" + id] = (site, json, version)
                }
            }
            // The Patients the records are about that are at the centre already (the others must come
            // earlier in this Bundle).
            var patientsHere: Set<String> = []
            let referenced = Array(Set(checked.compactMap(\.patientID)))
            if !referenced.isEmpty {
                let rows = try await connection.query(
                    "SELECT id FROM resource WHERE type = 'Patient' AND id = ANY(\(referenced))", logger: logger)
                for try await id in rows.decode(String.self) { patientsHere.insert(id) }
            }
            var answers: [Result<HTTPResponse.Status, EntryRefusal>] = []
            var written: [StorableResource] = []
            for checked in resources {
                switch checked {
                case .failure(let refusal):
                    if atomic { throw refusal }
                    answers.append(.failure(refusal))
                case .success(let resource):
                    let key = resource.type + "/" + resource.id
                    let patientKnown = resource.patientID.map { patientsHere.contains($0) || existing["Patient/" + $0] != nil } ?? true
                    switch UpsertDecision.decide(existing: existing[key], resource, siteID: siteID, patientKnown: patientKnown) {
                    case .refuse(let refusal):
                        if atomic { throw refusal }
                        answers.append(.failure(refusal))
                    case .unchanged:
                        answers.append(.success(.ok))
                    case .propose(let base):
                        try await connection.query("""
                            INSERT INTO proposal (type, id, site_id, base_version, json, received_at)
                            VALUES (\(resource.type), \(resource.id), \(siteID), \(base), \(resource.json), \(SQLValue(date).int ?? 0))
                            """, logger: logger)
                        answers.append(.success(.accepted))
                    case .write(let version, let created):
                        try await Self.write(resource, version: version, siteID: siteID, at: date, on: connection, logger: logger)
                        existing[key] = (siteID, resource.json, version)
                        written.append(resource)
                        answers.append(.success(created ? .created : .ok))
                    }
                }
            }
            try await Self.replaceIdentifiers(of: written, on: connection, logger: logger)
            return answers
        }
    }

    private static func write(_ r: StorableResource, version: Int, siteID: String, at date: Date, on connection: PostgresConnection,
                              logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO resource (type, id, site_id, version, json, updated_at, patient_id, status, product, dose_number, lot,
                                  day, serious, doses_per_vial, doses_wasted, source_updated, match_key, reason, birth_date,
                                  priority_group)
            VALUES (\(r.type), \(r.id), \(siteID), \(version), \(r.json), \(date), \(r.patientID), \(r.status), \(r.product),
                    \(r.doseNumber), \(r.lot), \(r.day), \(r.serious), \(r.dosesPerVial), \(r.dosesWasted), \(r.sourceUpdated),
                    \(r.matchKey), \(r.reason), \(r.birthDate), \(r.priorityGroup))
            ON CONFLICT (type, id) DO UPDATE SET version = excluded.version, json = excluded.json,
                updated_at = excluded.updated_at, patient_id = excluded.patient_id, status = excluded.status,
                product = excluded.product, dose_number = excluded.dose_number, lot = excluded.lot, day = excluded.day,
                serious = excluded.serious, doses_per_vial = excluded.doses_per_vial, doses_wasted = excluded.doses_wasted,
                source_updated = excluded.source_updated, match_key = excluded.match_key, reason = excluded.reason,
                birth_date = excluded.birth_date, priority_group = excluded.priority_group
            """, logger: logger)
    }

    /// The identifiers of the resources written, replaced in two statements.
    private static func replaceIdentifiers(of resources: [StorableResource], on connection: PostgresConnection,
                                           logger: Logger) async throws {
        guard !resources.isEmpty else { return }
        let (resourceTypes, resourceIDs) = (resources.map(\.type), resources.map(\.id))
        try await connection.query(
            "DELETE FROM resource_identifier WHERE (type, id) IN (SELECT * FROM UNNEST(\(resourceTypes)::TEXT[], \(resourceIDs)::TEXT[]))",
            logger: logger)
        var types: [String] = [], ids: [String] = [], systems: [String] = [], values: [String] = []
        for resource in resources {
            for identifier in resource.identifiers {
                types.append(resource.type)
                ids.append(resource.id)
                systems.append(identifier.system ?? "")
                values.append(identifier.value)
            }
        }
        guard !types.isEmpty else { return }
        try await connection.query("""
            INSERT INTO resource_identifier (type, id, system, value)
            SELECT * FROM UNNEST(\(types)::TEXT[], \(ids)::TEXT[], \(systems)::TEXT[], \(values)::TEXT[])
            """, logger: logger)
    }
}
