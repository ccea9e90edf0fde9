import Foundation
import Testing
import TestSupport

/// The centre's PostgreSQL schema is numbered: each migration runs once and is recorded, and a
/// database from a newer centre is refused.
@Suite("The centre's schema migrations on PostgreSQL", .serialized)
struct CentralSchemaTests {
    /// Runs `vaxdesk-central` to its end: the exit status and what it printed on stderr.
    static func central(_ arguments: [String]) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CentralServer.binary)
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test("migrations run once, recorded in schema_migrations; a newer database is refused with its version")
    func numbered() throws {
        let postgres = try PostgresServer()
        #expect(try Self.central(["site", "add", "91-RG-VTV", "--postgres", postgres.url]).status == 0)
        #expect(try Self.central(["site", "add", "91-RG-AH", "--postgres", postgres.url]).status == 0)
        #expect(postgres.psql("SELECT version || ' ' || name FROM schema_migrations ORDER BY version") == "1 sites-and-resources\n2 least-privilege\n3 audit-heads\n4 proposal-review\n5 certificate-signing\n6 change-cursor\n7 person-match\n8 registrations\n9 reports")
        #expect(postgres.psql("SELECT count(*) FROM site") == "2")

        _ = postgres.psql("INSERT INTO schema_migrations (version, name) VALUES (99, 'from-the-future')")
        let (status, errors) = try Self.central(["site", "list", "--postgres", postgres.url])
        #expect(status != 0)
        #expect(errors.contains("99"), "\(errors)")
    }
}
