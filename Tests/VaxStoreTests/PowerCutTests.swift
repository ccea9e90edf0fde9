import Foundation
import GRDB
import Testing
import TestSupport
import VaxStore
#if canImport(Glibc)
import Glibc
#endif

/// What reaches the disk, not what the process believes it wrote: the settings in force on the
/// writer, an fdatasync per commit seen by strace, and power cuts on a disk that drops every write not
/// yet synced (kill -9 cannot show this: the operating system keeps its cache when a process dies).
@Suite("Power cuts: every confirmed record is on the disk", .serialized)
struct PowerCutTests {
    @Test("the writer connection commits with journal_mode=wal and synchronous=FULL, new file or not")
    func writerSettings() throws {
        let directory = TemporaryDirectory("sync-full")
        let path = directory.file("site.db")
        #expect(try AppDatabase(path: path).writerDurability() == .init(journalMode: "wal", synchronous: 2))
        // Opened again, as every desk and command does.
        #expect(try AppDatabase(path: path).writerDurability() == .init(journalMode: "wal", synchronous: 2))
    }

    /// strace counts the fdatasync calls on the WAL file while one worker records people: there is at
    /// least one per confirmed commit (with NORMAL there is one per checkpoint, every ~1,000 pages).
    @Test("every confirmed commit is followed by an fdatasync of the WAL")
    func fdatasyncPerCommit() throws {
        let directory = TemporaryDirectory("fdatasync")
        let path = directory.file("site.db")
        try BuiltProgram.run(["demo", "--db", path, "--people", "200", "--setup-only"])
        let trace = directory.file("trace.txt")
        let output = Spawn.output([
            "strace", "-f", "-y", "-e", "trace=fdatasync,fsync", "-o", trace,
            BuiltProgram.vaxdesk, "simulate", "--db", path, "--desks", "1", "--people", "60", "--seed", "3",
        ])
        let confirmed = ProcessTests.confirmations(output).count
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        let walSyncs = lines.filter { $0.contains("site.db-wal>") && $0.hasSuffix("= 0") }.count
        #expect(confirmed > 100, "the worker recorded people")
        #expect(walSyncs >= confirmed, "\(walSyncs) syncs of the WAL for \(confirmed) confirmed commits")
    }

    /// The harness itself: a pool as GRDB sets it up on its own (synchronous=NORMAL) loses commits at
    /// a power cut. If this ever stops losing, the disk no longer models a power cut.
    @Test("the power-cut disk does lose what a NORMAL writer committed")
    func harnessLosesUnsyncedCommits() throws {
        let disk = try PowerCutDisk()
        try disk.mount()
        var committed = 0
        do {
            let pool = try DatabasePool(path: disk.file("control.db"))
            try pool.write { db in try db.execute(sql: "CREATE TABLE t (n INTEGER)") }
            // The table itself reaches the platter: a checkpoint syncs the WAL and the database file.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            for n in 0..<200 {
                try pool.write { db in try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [n]) }
                committed += 1
            }
            try disk.cutPower()
        }
        disk.unmount()
        var survived = 0
        try disk.restart { platter in
            survived = try DatabaseQueue(path: platter + "/control.db").read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM t") ?? 0
            }
        }
        #expect(committed == 200)
        #expect(survived < committed, "a NORMAL writer kept \(survived) of \(committed) commits")
    }

    /// `vaxdesk simulate` with two worker processes on the power-cut disk; at a random moment the
    /// power goes, the processes die, the machine boots with what the platter holds. Every record a
    /// worker printed as confirmed must be there, with its outbox row, in a sound file and chain.
    @Test("power cuts at random moments lose no confirmed record")
    func powerCuts() throws {
        let seedFolder = TemporaryDirectory("power-cut-seed")
        let seedPath = seedFolder.file("site.db")
        try BuiltProgram.run(["demo", "--db", seedPath, "--people", "2000", "--setup-only"])
        let disk = try PowerCutDisk()
        try disk.install([seedPath, seedPath + "-wal"])
        var generator = SystemRandomNumberGenerator()
        var confirmedInAll = 0
        var cutsWithCommits = 0
        for round in 0..<12 {
            try disk.mount()
            let (output, _) = try ProcessTests.simulateUntilKilled(
                path: disk.file("site.db"), seed: 100 + round,
                after: UInt32.random(in: 400_000...1_200_000, using: &generator),
                beforeKill: { try disk.cutPower() })
            disk.unmount()
            let confirmed = ProcessTests.confirmations(output)
            confirmedInAll += confirmed.count
            if !confirmed.isEmpty { cutsWithCommits += 1 }
            try disk.restart { platter in
                let database = try AppDatabase(path: platter + "/site.db")
                #expect(try database.integrityCheck() == "ok", "round \(round)")
                let lost = try confirmed.filter { id, event in
                    let stored = try database.isStored(id, event: event)
                    return !(stored.record && stored.outbox)
                }
                #expect(lost.count == 0, "round \(round): \(lost.count) of \(confirmed.count) confirmed records lost, the first \(lost.first.map { "\($0.1) \($0.0)" } ?? "")")
                #expect(try database.recordsMissingFromOutbox() == 0)
                guard case .intact = try database.verifyAudit() else {
                    Issue.record("round \(round): the audit chain broke at a power cut")
                    return
                }
            }
        }
        #expect(cutsWithCommits >= 8, "most cuts came while the workers were committing")
        #expect(confirmedInAll > 200)
    }
}
