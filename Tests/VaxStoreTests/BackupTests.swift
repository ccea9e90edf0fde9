import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// Backups taken while desks write, checked before they are named; restores that never lose what the
/// database in place holds.
@Suite("Backup and restore", .serialized)
struct BackupTests {
    /// A demo site of `people` with a simulated day, made by the real program.
    static func site(_ directory: TemporaryDirectory, people: Int = 200) throws -> String {
        let path = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", path, "--people", String(people), "--setup-only"]).status == 0)
        #expect(try BuiltProgram.run(["simulate", "--db", path, "--desks", "2", "--people", "40", "--seed", "5"]).status == 0)
        return path
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("a backup taken while two desk processes write is a whole, checked snapshot; only the newest --keep stay")
    func backupWhileWriting() throws {
        let directory = TemporaryDirectory("backup-live")
        let path = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", path, "--people", "400", "--setup-only"]).status == 0)
        let usb = directory.file("usb")
        // Someone else's file in the folder is never rotated away.
        try FileManager.default.createDirectory(atPath: usb, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: usb + "/notes.txt", contents: Data("ghi chú".utf8))

        let simulate = Process()
        simulate.executableURL = URL(fileURLWithPath: BuiltProgram.vaxdesk)
        simulate.arguments = ["simulate", "--db", path, "--desks", "2", "--people", "150", "--seed", "9"]
        simulate.standardOutput = FileHandle.nullDevice
        try simulate.run()
        let database = try AppDatabase(path: path)
        var records: [BackupRecord] = []
        var moment = Date()
        repeat {
            moment += 1
            records.append(try database.backUp(into: usb, keep: 3, at: moment))
        } while simulate.isRunning && records.count < 40
        simulate.waitUntilExit()
        records.append(try database.backUp(into: usb, keep: 3, at: moment + 1))

        #expect(records.count >= 3, "backups taken while the desks wrote: \(records.count)")
        #expect(records.map(\.auditRows) == records.map(\.auditRows).sorted(), "each snapshot later than the one before")
        // Each backup with the site's key beside it.
        let kept = try FileManager.default.contentsOfDirectory(atPath: usb).filter { !$0.hasSuffix(".key") }.sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: usb).filter { $0.hasSuffix(".key") }.count == 3)
        #expect(kept.count == 4 && kept.contains("notes.txt"), "\(kept)")
        #expect(Set(kept.filter { $0 != "notes.txt" }.map { usb + "/" + $0 }) == Set(records.suffix(3).map(\.path)))
        for record in records.suffix(3) {
            let check = try BackupCheck(path: record.path)
            #expect(check.problem == nil)
            #expect(check.auditRows == record.auditRows)
            #expect(try Self.mode(record.path) == 0o600)
            #expect(!FileManager.default.fileExists(atPath: record.path + "-wal"), "one self-contained file")
        }
        // The last one holds everything: the desks had stopped.
        let whole = try #require(records.last)
        #expect(whole.doses == (try SQLiteShell.scalar(path, "SELECT (SELECT COUNT(*) FROM injection) + (SELECT COUNT(*) FROM prior_dose)")))
        #expect(try database.lastBackup().map { [$0.path, String($0.auditRows), String($0.bytes)] } == [whole.path, String(whole.auditRows), String(whole.bytes)])
        #expect(try database.changedSinceLastBackup() == false, "a backup alone is not a change")
        #expect(try database.verifyAudit() == .intact(rows: whole.auditRows + 1), "the backup is audited")
    }

    @Test("a damaged or altered backup is refused, and the database in place is left as it was")
    func damagedBackupRefused() throws {
        let directory = TemporaryDirectory("backup-damaged")
        let path = try Self.site(directory)
        let record = try AppDatabase(path: path).backUp(into: directory.file("usb"), keep: 5, at: Date())
        let before = try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM audit")

        // Pages overwritten in the middle of the file.
        let torn = directory.file("torn.db")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: record.path))
        bytes.replaceSubrange(bytes.count / 2 ..< bytes.count / 2 + 8_192, with: Data(repeating: 0x5A, count: 8_192))
        try bytes.write(to: URL(fileURLWithPath: torn))
        // A record changed by hand, its audit row with it: the chain shows it.
        let altered = directory.file("altered.db")
        try FileManager.default.copyItem(atPath: record.path, toPath: altered)
        try SQLiteShell.text(altered, "DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'x' WHERE seq = 5")

        for bad in [torn, altered, directory.file("missing.db")] {
            let run = try BuiltProgram.runWithErrors(["restore", "--db", path, "--from", bad, "--force", "--lang", "en"])
            #expect(run.status == 1)
            #expect(run.errors.contains("This backup cannot be restored"), "\(run.errors)")
        }
        #expect(try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM audit") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("before-restore") }.isEmpty)
    }

    @Test("restore refuses a database that holds more than the backup, another site's, or one in use; --force keeps the old one aside")
    func restoreGuards() throws {
        let directory = TemporaryDirectory("restore-guards")
        let path = try Self.site(directory)
        let usb = directory.file("usb")
        let backup = try #require(try BuiltProgram.run(["backup", "--db", path, "--to", usb]).output
            .split(separator: " ").first { $0.hasPrefix(usb) }.map { String($0) })
        // Nothing recorded since: restoring it loses nothing, so it needs no --force.
        var run = try BuiltProgram.runWithErrors(["restore", "--db", path, "--from", backup, "--lang", "en"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("The database that was in place is kept at"))

        // More is recorded: the database in place is newer than the backup.
        #expect(try BuiltProgram.run(["simulate", "--db", path, "--desks", "1", "--people", "60", "--seed", "6"]).status == 0)
        let recorded = try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM audit")
        run = try BuiltProgram.runWithErrors(["restore", "--db", path, "--from", backup, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.errors.contains("holds more than the backup (\(recorded) audit rows against"), "\(run.errors)")
        #expect(try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM audit") == recorded, "nothing changed")

        // Another site's backup.
        let other = TemporaryDirectory("restore-other")
        let otherPath = other.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", otherPath, "--people", "50", "--setup-only"]).status == 0)
        try SQLiteShell.text(otherPath, "UPDATE site SET code = 'TEST-OTHER'")
        let otherBackup = try AppDatabase(path: otherPath).backUp(into: other.file("usb"), keep: 1, at: Date()).path
        run = try BuiltProgram.runWithErrors(["restore", "--db", path, "--from", otherBackup, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.errors.contains("The backup is of site TEST-OTHER"), "\(run.errors)")

        // A desk has the database open (this test process): never replaced under it.
        do {
            let open = try AppDatabase(path: path)
            _ = try open.staff()
            run = try BuiltProgram.runWithErrors(["restore", "--db", path, "--from", backup, "--force", "--lang", "en"])
            #expect(run.status == 1)
            #expect(run.errors.contains("The database is open in process \(getpid())"), "\(run.errors)")
        }

        // --force: the backup goes in, the newer database is kept beside it, whole.
        run = try BuiltProgram.runWithErrors(["restore", "--db", path, "--from", backup, "--force", "--lang", "en"])
        #expect(run.status == 0, "\(run.errors)")
        let aside = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("site.db.before-restore-") && !["-wal", "-shm", ".key"].contains(where: $0.hasSuffix) }.sorted().last)
        #expect(try SQLiteShell.scalar(directory.file(aside), "SELECT COUNT(*) FROM audit") == recorded)
        let restored = try AppDatabase(path: path)
        guard case .intact(let rows) = try restored.verifyAudit() else { Issue.record("the restored trail is broken"); return }
        #expect(rows < recorded)
        #expect(try SQLiteShell.text(path, "SELECT action FROM audit ORDER BY seq DESC LIMIT 1") == "restore")
        #expect(try Self.mode(path) == 0o600)
    }
}
