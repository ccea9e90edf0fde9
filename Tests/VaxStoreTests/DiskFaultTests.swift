import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// A small disk of its own (tmpfs, mounted for the test: CI runs as root) that fills up, then is
/// remounted read-only as ext4 does after errors: every command says what happened in words, the
/// reading ones still read (and back up), and nothing is lost.
@Suite("A full disk and a read-only disk", .serialized, .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
struct DiskFaultTests {
    final class SmallDisk {
        let mountPoint: String
        private let folder = TemporaryDirectory("small-disk")

        init(megabytes: Int) throws {
            mountPoint = folder.file("disk")
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
            try Self.mount(["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", mountPoint])
        }

        /// Writes zeros until the disk has no room left.
        func fill() {
            let handle = fopen(mountPoint + "/filler", "w")
            let block = [UInt8](repeating: 0, count: 4_096)
            while fwrite(block, 1, block.count, handle) == block.count {}
            fclose(handle)
        }

        func empty() throws { try FileManager.default.removeItem(atPath: mountPoint + "/filler") }

        func remount(readOnly: Bool) throws { try Self.mount(["-o", readOnly ? "remount,ro" : "remount,rw", mountPoint]) }

        deinit { try? Self.run("/usr/bin/umount", ["-l", mountPoint]) }

        static func mount(_ arguments: [String]) throws { try run("/usr/bin/mount", arguments) }

        static func run(_ program: String, _ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
    }

    @Test("a disk full at start: 'disk full' and what to do, never 'disk I/O error'; search, audit and backup still read")
    func fullAtStart() throws {
        let disk = try SmallDisk(megabytes: 4)
        let path = disk.mountPoint + "/site.db"
        #expect(try BuiltProgram.run(["demo", "--db", path, "--people", "300", "--setup-only"]).status == 0)
        let people = try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM person")
        disk.fill()

        for language in ["en", "vi"] {
            let run = try BuiltProgram.runWithErrors(["session", "list", "--db", path, "--lang", language])
            #expect(run.status == 1)
            #expect(run.errors.contains(language == "en" ? "the disk is full" : "ổ đĩa đã đầy"), "\(run.errors)")
            #expect(run.errors.contains(language == "en" ? "Free some space" : "giải phóng dung lượng"))
            #expect(!run.errors.contains("I/O") && !run.errors.contains("SQLite"), "\(run.errors)")
        }
        let search = try BuiltProgram.runWithErrors(["search", "--db", path, "--lang", "en", "nguyen"])
        #expect(search.status == 0 && !search.output.isEmpty, "\(search.errors)")
        #expect(search.errors.contains("cannot be written (the disk is full): opened for reading only"))
        #expect(try BuiltProgram.run(["audit", "verify", "--db", path, "--lang", "en"]).output.contains("Audit trail intact"))
        let rescue = TemporaryDirectory("rescue")
        let backup = try BuiltProgram.runWithErrors(["backup", "--db", path, "--to", rescue.path, "--lang", "en"])
        #expect(backup.status == 0 && backup.output.contains("\(people) people"), "\(backup.output) \(backup.errors)")

        // Room again: the desk's database opens and is whole, nothing lost.
        try disk.empty()
        let database = try AppDatabase(path: path)
        #expect(try database.integrityCheck() == "ok")
        #expect(try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM person") == people)
    }

    @Test("a disk remounted read-only: reading commands read and back up; a write says read-only and records nothing")
    func readOnly() throws {
        let disk = try SmallDisk(megabytes: 16)
        let path = disk.mountPoint + "/site.db"
        #expect(try BuiltProgram.run(["demo", "--db", path, "--people", "300", "--setup-only"]).status == 0)
        #expect(try BuiltProgram.run(["simulate", "--db", path, "--desks", "1", "--people", "30", "--seed", "4"]).status == 0)
        let rows = try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM audit")
        try disk.remount(readOnly: true)
        defer { try? disk.remount(readOnly: false) }

        let verify = try BuiltProgram.runWithErrors(["audit", "verify", "--db", path, "--lang", "en"])
        #expect(verify.status == 0 && verify.output.contains("\(rows) rows"), "\(verify.output) \(verify.errors)")
        #expect(verify.errors.contains("read-only"), "\(verify.errors)")
        let report = try BuiltProgram.runWithErrors(["report", "session", "--db", path, "--by", "PT01", "--format", "json"], input: "2468\n")
        #expect(report.status == 0 && report.output.contains("vaccinated"), "\(report.errors)")
        let rescue = TemporaryDirectory("rescue-ro")
        let backup = try BuiltProgram.runWithErrors(["backup", "--db", path, "--to", rescue.path, "--lang", "en"])
        #expect(backup.status == 0, "\(backup.errors)")
        let copy = try #require(try FileManager.default.contentsOfDirectory(atPath: rescue.path).first { !$0.hasSuffix(".key") })
        #expect(try SQLiteShell.scalar(rescue.path + "/" + copy, "SELECT COUNT(*) FROM audit") == rows, "the whole trail, rescued")

        let write = try BuiltProgram.runWithErrors(["session", "close", "--db", path, "--by", "PT01", "--lang", "en"], input: "2468\n")
        #expect(write.status == 1)
        #expect(write.errors.contains("read-only") && write.errors.contains("Nothing"), "\(write.errors)")
        #expect(!write.errors.contains("SQLite"), "\(write.errors)")
        try disk.remount(readOnly: false)
        #expect(try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM audit") == rows, "nothing lost, nothing half-written")
    }
}
