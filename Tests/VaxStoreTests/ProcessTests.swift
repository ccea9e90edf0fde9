import Foundation
import Testing
import TestSupport
import VaxStore
#if canImport(Glibc)
import Glibc
#endif

/// Real OS processes on one database file: desks writing at once, migrating at once, and writers
/// killed with SIGKILL mid-write.
@Suite("Several processes, one site database", .serialized)
struct ProcessTests {
    /// `confirmed <uuid> <event>` lines printed by `vaxdesk simulate`.
    static func confirmations(_ output: String) -> [(UUID, ClinicalEvent)] {
        output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "confirmed", let id = UUID(uuidString: String(parts[1])),
                  let event = ClinicalEvent(rawValue: String(parts[2])) else { return nil }
            return (id, event)
        }
    }

    /// Runs `vaxdesk simulate` with two workers on `path` and kills it and its workers with SIGKILL
    /// after `microseconds`; `beforeKill` runs just before the kill. Returns what it printed, and
    /// whether it was still running when killed.
    static func simulateUntilKilled(
        path: String, seed: Int, after microseconds: UInt32, beforeKill: () throws -> Void = {}
    ) throws -> (output: String, killed: Bool) {
        let pipe = Pipe()
        let process = try startSimulation(path: path, people: 2000, seed: seed, output: pipe)
        usleep(microseconds)
        try beforeKill()
        kill(-process.processIdentifier, SIGKILL)
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (output, process.terminationReason == .uncaughtSignal)
    }

    /// `vaxdesk simulate` with two workers, started and left running. Foundation starts the child in
    /// a process group of its own, which its workers join: one kill reaches them all at once.
    static func startSimulation(path: String, people: Int, seed: Int = 1, output: Any = FileHandle.nullDevice) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProgram.vaxdesk)
        process.arguments = ["simulate", "--db", path, "--desks", "2", "--people", String(people), "--seed", String(seed)]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("two worker processes push people through every station; nothing is lost")
    func twoWriters() throws {
        let directory = TemporaryDirectory("two-writers")
        let path = directory.file("site.db")
        let (status, output) = try BuiltProgram.run(["simulate", "--db", path, "--desks", "2", "--people", "150", "--seed", "7"])
        #expect(status == 0)
        let confirmed = Self.confirmations(output)
        // Everyone is checked in, except the people of the demo roster whose next dose is not due yet.
        let notDue = output.split(separator: "\n").filter { $0.hasPrefix("not-due ") }.count
        #expect(confirmed.filter { $0.1 == .checkIn }.count + notDue == 150)
        #expect(notDue < 150 / 4)
        let database = try AppDatabase(path: path)
        for (id, event) in confirmed {
            let stored = try database.isStored(id, event: event)
            #expect(stored.record && stored.outbox, "\(event) \(id)")
        }
        #expect(try database.recordsMissingFromOutbox() == 0)
        #expect(try database.pendingOutboxCount() == confirmed.count + 1, "plus the session-opened event")
        guard case .intact = try database.verifyAudit() else {
            Issue.record("the audit chain broke under two writers")
            return
        }
    }

    @Test("stopping simulate stops its workers: none goes on writing")
    func workersEndWithTheirParent() throws {
        let directory = TemporaryDirectory("orphans")
        let path = directory.file("site.db")
        try BuiltProgram.run(["demo", "--db", path, "--people", "3000", "--setup-only"])
        let process = try Self.startSimulation(path: path, people: 3000)
        let workers = { Spawn.output(["pgrep", "-f", "simulate-worker --db \(path)"]).split(separator: "\n").count }
        for _ in 0..<100 where workers() < 2 { usleep(50_000) }
        #expect(workers() == 2)
        // SIGTERM to the parent alone, as systemd or a terminal closing would.
        process.terminate()
        process.waitUntilExit()
        for _ in 0..<40 where workers() > 0 { usleep(50_000) }
        #expect(workers() == 0, "the workers of a stopped simulate are gone within two seconds")
    }

    @Test("four processes opening one new file at once: migrated once, one site")
    func concurrentSetUp() throws {
        let directory = TemporaryDirectory("setup-race")
        let path = directory.file("site.db")
        let processes = try (0..<4).map { _ -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BuiltProgram.vaxdesk)
            process.arguments = ["demo", "--db", path, "--people", "50", "--setup-only"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let database = try AppDatabase(path: path)
        #expect(try database.site() != nil)
        #expect(try database.rosterCount() == 50)
        #expect(try database.integrityCheck() == "ok")
    }

    @Test("a desk sees another process's write through data_version")
    func changeWatcher() throws {
        let directory = TemporaryDirectory("watcher")
        let path = directory.file("site.db")
        try BuiltProgram.run(["demo", "--db", path, "--people", "20", "--setup-only"])
        let database = try AppDatabase(path: path)
        let watcher = try ChangeWatcher(database: database)
        _ = try watcher.hasChanged()
        #expect(try watcher.hasChanged() == false)
        try BuiltProgram.run(["simulate", "--db", path, "--desks", "1", "--people", "1"])
        #expect(try watcher.hasChanged() == true)
        #expect(try watcher.hasChanged() == false)
    }

    /// Kills `vaxdesk simulate` and its workers with SIGKILL at random moments, again and again, on one
    /// file. Every record a worker printed as confirmed must be there, with its outbox row.
    @Test("SIGKILL at random moments loses nothing that was confirmed")
    func killNine() throws {
        let directory = TemporaryDirectory("kill-nine")
        let path = directory.file("site.db")
        try BuiltProgram.run(["demo", "--db", path, "--people", "2000", "--setup-only"])
        var generator = SystemRandomNumberGenerator()
        var allConfirmed: [(UUID, ClinicalEvent)] = []
        for round in 0..<25 {
            let (output, killed) = try Self.simulateUntilKilled(
                path: path, seed: round, after: UInt32.random(in: 150_000...700_000, using: &generator))
            #expect(killed, "round \(round) was killed mid-run")
            allConfirmed += Self.confirmations(output)
        }
        #expect(allConfirmed.count > 50, "the workers got to write before being killed")
        let database = try AppDatabase(path: path)
        #expect(try database.integrityCheck() == "ok")
        for (id, event) in allConfirmed {
            let stored = try database.isStored(id, event: event)
            #expect(stored.record && stored.outbox, "confirmed \(event) \(id) is missing")
        }
        #expect(try database.recordsMissingFromOutbox() == 0)
        // Two writers, 25 kills: the audit chain still holds from the first row to the last.
        guard case .intact = try database.verifyAudit() else {
            Issue.record("the audit chain broke under concurrent writers and kills")
            return
        }
    }
}
