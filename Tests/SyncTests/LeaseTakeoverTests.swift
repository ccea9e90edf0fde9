import Foundation
import Testing
import TestSupport
import VaxStore
#if canImport(Glibc)
import Glibc
#endif

/// A pusher killed with kill -9 leaves its lease behind: the next pusher on the same machine sees its
/// process is gone and takes over at once; a live holder is waited for.
@Suite("The sync lease after a crash", .serialized)
struct LeaseTakeoverTests {
    /// A lease of two more minutes for a holder on this machine with process `pid`.
    static func leave(_ path: String, leaseTo pid: pid_t) throws {
        let holder = "\(ProcessInfo.processInfo.hostName):\(pid):deadbeef"
        _ = try SQLiteShell.text(path, """
            INSERT INTO sync_lease (id, holder, expires_at) VALUES (1, '\(holder)', datetime('now', '+2 minutes'))
            ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            """)
    }

    static func sync(_ path: String, _ central: CentralServer, _ directory: TemporaryDirectory) throws -> (status: Int32, output: String) {
        try BuiltProgram.run(["sync", "--db", path, "--central", central.baseURL + "/fhir", "--token-file", central.tokenFile(in: directory), "--once"])
    }

    @Test("the lease of a process that is gone is taken over at once; a live one's is not")
    func takeover() throws {
        let directory = TemporaryDirectory("lease-takeover")
        let path = try SyncTests.simulatedSite(directory, people: 30)
        let central = try CentralServer(in: directory)
        try central.start()
        defer { central.stop() }
        let pending = try AppDatabase(path: path).pendingOutboxCount()
        #expect(pending > 0)

        // Held by this test's own process, alive: --once stops and sends nothing.
        try Self.leave(path, leaseTo: getpid())
        let held = try Self.sync(path, central, directory)
        #expect(try AppDatabase(path: path).pendingOutboxCount() == pending, "\(held.output)")

        // Held by a process that has ended (as after kill -9): taken over, everything sent.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        try Self.leave(path, leaseTo: ended.processIdentifier)
        let (status, output) = try Self.sync(path, central, directory)
        #expect(status == 0, "\(output)")
        #expect(try AppDatabase(path: path).pendingOutboxCount() == 0, "\(output)")
    }
}
