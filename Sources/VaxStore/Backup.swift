import Foundation
import GRDB
import VaxCore

/// Backups of the site database: a consistent copy taken while desks keep working (SQLite's online
/// backup, in one read snapshot), flushed to its disk, opened again and checked (integrity, the audit
/// chain whole, the same counts as the snapshot it came from) before it takes its final name. Only a
/// checked copy is ever named like a backup, so rotation never keeps a bad one in place of a good one.
extension AppDatabase {
    /// Backs the database up into `directory` (a second disk, a USB stick) and keeps the newest `keep`
    /// backups of this database there. `staffID`: who asked (nil for a scheduled backup).
    @discardableResult
    public func backUp(into directory: String, keep: Int, at date: Date, by staffID: UUID? = nil) throws -> BackupRecord {
        let files = BackupFiles(directory: directory, database: path)
        try files.prepareDirectory()
        let partial = files.partialPath
        try? FileManager.default.removeItem(atPath: partial)
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try Self.restrictToOwner(partial)

        let snapshot = try copy(to: partial)
        try BackupFiles.flush(partial)
        let found = try BackupCheck(path: partial)
        guard found.problem == nil, found.contents == snapshot else {
            throw BackupFailed(reason: found.problem ?? "the copy holds \(found.contents) instead of \(snapshot)")
        }
        let final = files.newBackupPath(at: date)
        try FileManager.default.moveItem(atPath: partial, toPath: final)
        // The PINs cannot be checked without the site's key, nor certificates signed without the signing
        // key: they go beside each backup.
        try KeyFiles.copy(beside: path, toBeside: final)
        try BackupFiles.flush(directory)

        let record = BackupRecord(
            takenAt: date, path: final, bytes: BackupFiles.size(final), auditRows: snapshot.auditRows,
            people: snapshot.people, doses: snapshot.doses, pending: snapshot.pending)
        try recordAct { db in
            try db.execute(
                sql: """
                    INSERT INTO backup (taken_at, path, bytes, audit_rows, people, doses, pending)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [date, final, record.bytes, record.auditRows, record.people, record.doses, record.pending])
            try AuditLog.append(.backup, staffID: staffID, record: nil,
                                detail: "\(final) (\(record.auditRows) audit rows)", at: date, in: db)
        }
        try files.rotate(keeping: max(1, keep))
        return record
    }

    /// The latest backup taken of this database, or nil when there was none.
    public func lastBackup() throws -> BackupRecord? {
        try read { db in try Self.lastBackup(in: db) }
    }

    static func lastBackup(in db: Database) throws -> BackupRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM backup ORDER BY seq DESC LIMIT 1").map { row in
            BackupRecord(
                takenAt: row["taken_at"], path: row["path"], bytes: row["bytes"], auditRows: row["audit_rows"],
                people: row["people"], doses: row["doses"], pending: row["pending"])
        }
    }

    /// Whether anything was recorded since the last backup (a backup itself does not count): a
    /// scheduled backup of a site where nothing happened is not taken again.
    public func changedSinceLastBackup() throws -> Bool {
        try read { db in
            guard let last = try Self.lastBackup(in: db) else { return true }
            return try BackupContents(db).lastActSeq > last.auditRows
        }
    }

    /// The hash of audit row `seq`, to tell whether this trail continues another's.
    func auditHash(at seq: Int) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE seq = ?", arguments: [seq]) }
    }

    /// Copies the database, as one snapshot, into a new file at `destination`; returns what the
    /// snapshot holds.
    private func copy(to destination: String) throws -> BackupContents {
        let target = try DatabaseQueue(path: destination)
        let contents = try pool.read { db in
            // The counts and the copy see the same snapshot: both run in this read transaction.
            let contents = try BackupContents(db)
            try target.writeWithoutTransaction { copy in try db.backup(to: copy) }
            return contents
        }
        // One self-contained file (no -wal beside it): what a USB stick should carry.
        try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try target.close()
        return contents
    }

    /// A backup could not be made or did not check out; no file was left under a backup's name.
    public struct BackupFailed: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "the backup did not check out: \(reason)" }
    }
}

/// What a database holds, counted the same way in the original and in its copy.
struct BackupContents: Hashable, CustomStringConvertible {
    var auditRows: Int
    var people: Int
    var doses: Int
    var pending: Int
    /// The last audit row's hash: the copy's trail ends where the original's did.
    var lastAuditHash: String?
    /// The last audit row of an act other than a backup: what was recorded, not that it was copied.
    var lastActSeq: Int

    init(_ db: Database) throws {
        auditRows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") ?? 0
        people = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? 0
        doses = try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM injection) + (SELECT COUNT(*) FROM prior_dose)") ?? 0
        pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'pending'") ?? 0
        lastAuditHash = try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")
        lastActSeq = try Int.fetchOne(
            db, sql: "SELECT seq FROM audit WHERE action != ? ORDER BY seq DESC LIMIT 1", arguments: [AuditAction.backup.name]) ?? 0
    }

    var description: String { "\(auditRows) audit rows, \(people) people, \(doses) doses, \(pending) to send" }
}

/// A database file looked into without writing to it: is it whole, and what does it hold.
public struct BackupCheck {
    public let path: String
    /// The site it belongs to (nil: none set up, or unreadable).
    public let siteCode: String?
    let contents: BackupContents?
    /// What is wrong with it, in a few words; nil when it is whole.
    public let problem: String?

    public var auditRows: Int { contents?.auditRows ?? 0 }
    /// The last audit row that recorded something other than a backup.
    var lastActSeq: Int { contents?.lastActSeq ?? 0 }
    let database: AppDatabase?

    /// Opens `path` for reading only and checks it: SQLite's integrity check and the audit chain.
    public init(path: String) throws {
        self.path = path
        let database: AppDatabase
        do {
            database = try AppDatabase(readingAt: path)
        } catch {
            (siteCode, contents, problem, self.database) = (nil, nil, "cannot be opened: \(error)", nil)
            return
        }
        self.database = database
        let integrity: String, audit: AppDatabase.AuditVerification, site: String?, found: BackupContents
        do {
            integrity = try database.integrityCheck()
            audit = try database.verifyAudit()
            site = try database.site()?.code
            found = try database.read { db in try BackupContents(db) }
        } catch {
            (siteCode, contents, problem) = (nil, nil, "cannot be read: \(error)")
            return
        }
        (siteCode, contents) = (site, found)
        switch (integrity, audit) {
        case ("ok", .intact): problem = nil
        case ("ok", .altered(let seq)): problem = "the audit trail is altered at row \(seq)"
        case ("ok", .missingBefore(let seq)): problem = "the audit trail lacks rows before row \(seq)"
        default: problem = "SQLite's integrity check failed: \(integrity.prefix(200))"
        }
    }
}
