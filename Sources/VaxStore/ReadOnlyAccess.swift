import Foundation
import GRDB

extension AppDatabase {
    /// Opens the site database for reading only, never writing a byte to it or beside it: to rescue
    /// data from a disk that the kernel remounted read-only after errors, or to look into a backup.
    /// The schema must be this program's (an older file is migrated by opening it normally, on a disk
    /// that can be written).
    public init(readingAt path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        do {
            pool = try Self.openReadOnly(path, configuration)
        } catch {
            throw OpenFailed.wrapping(error, path: path)
        }
        self.path = path
        isReadOnly = true
        var migrator = DatabaseMigrator()
        Migrations.register(in: &migrator)
        try Self.refuseNewerSchema(pool, path: path, migrator: migrator)
        let missing = Set(Self.schemaVersions).subtracting(try pool.read { db in try migrator.appliedIdentifiers(db) })
        guard missing.isEmpty else { throw OlderSchema(path: path) }
    }

    /// Reading a WAL database needs its shared-memory file, which a read-only or full disk may not let
    /// SQLite make. When no write-ahead log is left (the last connection folded it into the file), the
    /// file alone holds everything and SQLite may read it as immutable; with a log, it must not (it
    /// would not read the log), and the first error stands.
    private static func openReadOnly(_ path: String, _ configuration: Configuration) throws -> DatabasePool {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return pool
        } catch {
            let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber
            guard log == nil || log?.intValue == 0 else { throw error }
            var components = URLComponents()
            components.scheme = "file"
            components.path = URL(fileURLWithPath: path).standardizedFileURL.path
            components.queryItems = [URLQueryItem(name: "immutable", value: "1")]
            return try DatabasePool(path: components.string ?? path, configuration: configuration)
        }
    }

    /// The file's schema is older than this program's, and reading only, it cannot be brought up to date.
    public struct OlderSchema: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "\(path) was written by an older VaxDesk: open it once on a disk that can be written, to update it"
        }
    }

    /// A write asked of a database opened for reading only.
    public struct ReadOnlyDatabase: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path) is open for reading only" }
    }

    /// Records an act around reading (a sign-in, an export) in the audit trail: on a file open for
    /// reading only there is nowhere to write it, and the act goes unrecorded (the command says so).
    func recordAct(_ body: (Database) throws -> Void) throws {
        guard !isReadOnly else { return }
        try write(body)
    }

    /// `body` in a write transaction, or on a file open for reading only in a read (`writable` false:
    /// it reads, and writes nothing).
    func writeOrRead<T>(_ body: (Database, _ writable: Bool) throws -> T) throws -> T {
        isReadOnly ? try read { try body($0, false) } : try write { try body($0, true) }
    }
}
