import Foundation
import VaxCore

/// Puts a site database back from a backup. The backup is checked first; a database already at the
/// target is never overwritten when it holds more than the backup (unless forced), nor while a desk or
/// the sync service has it open, and it is never deleted: it is moved aside, beside the new one.
/// The restored site carries on from the backup: its outbox sends again what was waiting then, and
/// the centre's idempotence makes the records it already had harmless.
public enum Restore {
    public struct Outcome: Sendable {
        /// The audit rows the restored database holds.
        public let auditRows: Int
        /// Where the database that was at the target went (nil: there was none).
        public let setAside: String?
        /// Records waiting for the centre in the restored database.
        public let pending: Int
    }

    /// Why a restore did not happen; nothing was changed.
    public enum Refusal: Error, Sendable, Equatable {
        /// The backup is damaged or not a site database.
        case backupDamaged(String)
        /// The database at the target has audit rows the backup lacks (`force` overrides).
        case targetNewer(targetRows: Int, backupRows: Int)
        /// The backup is of another site (`force` overrides).
        case otherSite(backup: String, target: String)
        /// A process (a desk, the sync service) has the target open.
        case inUse(pid: Int32)
    }

    public static func restore(from backup: String, to target: String, force: Bool, at date: Date) throws -> Outcome {
        let target = URL(fileURLWithPath: target).standardizedFileURL.path
        let backup = URL(fileURLWithPath: backup).standardizedFileURL.path
        let source = try BackupCheck(path: backup)
        if let problem = source.problem { throw Refusal.backupDamaged(problem) }
        let present = DatabaseFiles.exists(target)
        if present {
            if let pid = DatabaseFiles.processUsing(target) { throw Refusal.inUse(pid: pid) }
            if !force { try refuseToLoseRecords(at: target, from: source) }
        }
        // The copy is made and flushed beside the target before anything there is touched: a copy that
        // fails (a full disk) leaves the database in place as it was.
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let incoming = target + ".restoring"
        try? FileManager.default.removeItem(atPath: incoming)
        try FileManager.default.copyItem(atPath: backup, toPath: incoming)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: incoming)
        try BackupFiles.flush(incoming)
        let setAside = present ? try DatabaseFiles.moveAside(target, stamp: BackupFiles.stamp(date)) : nil
        // The key files go with their database: those there are kept beside the database set aside, and
        // the backup's (whose PINs and certificates need them) put in their place.
        for suffix in KeyFiles.suffixes {
            let targetKey = target + suffix
            guard FileManager.default.fileExists(atPath: targetKey) else { continue }
            if let setAside {
                try FileManager.default.moveItem(atPath: targetKey, toPath: setAside + suffix)
            } else if FileManager.default.fileExists(atPath: backup + suffix) {
                try FileManager.default.removeItem(atPath: targetKey)
            }
        }
        try KeyFiles.copy(beside: backup, toBeside: target)
        try FileManager.default.moveItem(atPath: incoming, toPath: target)
        try BackupFiles.flush(folder)

        // Opened as any desk would (an older backup is brought up to this program's schema), and the
        // restore is the first new row of its audit trail.
        let database = try AppDatabase(path: target)
        try database.write { db in
            try AuditLog.append(.restore, staffID: nil, record: nil,
                                detail: "from \(backup)" + (setAside.map { "; the database before kept at \($0)" } ?? ""),
                                at: date, in: db)
        }
        return Outcome(auditRows: source.auditRows + 1, setAside: setAside, pending: try database.pendingOutboxCount())
    }

    /// The target must not hold what the backup lacks: another site's data, or rows recorded after it.
    /// A target that cannot be read (the reason to restore, often) holds nothing to protect.
    private static func refuseToLoseRecords(at target: String, from source: BackupCheck) throws {
        guard let current = try? BackupCheck(path: target), current.problem == nil else { return }
        if let theirs = current.siteCode, let ours = source.siteCode, theirs != ours {
            throw Refusal.otherSite(backup: ours, target: theirs)
        }
        // Rows after the backup's last one that are only backups lose nothing; a trail that parts from
        // the backup's (a site restored before and gone on) holds records the backup lacks.
        let hashThere = try current.database?.auditHash(at: source.auditRows)
        let continues = source.auditRows == 0 || hashThere == source.contents?.lastAuditHash
        if current.lastActSeq > source.auditRows || (current.auditRows >= source.auditRows && !continues) {
            throw Refusal.targetNewer(targetRows: current.auditRows, backupRows: source.auditRows)
        }
    }
}

/// A SQLite database is up to three files: the database, its write-ahead log and its shared memory.
enum DatabaseFiles {
    static let suffixes = ["", "-wal", "-shm"]

    static func exists(_ path: String) -> Bool {
        suffixes.contains { FileManager.default.fileExists(atPath: path + $0) }
    }

    /// The process that has the database open, if any: every connection to a WAL database holds a
    /// shared lock on a byte of its `-shm` file (SQLite's "dead man switch", at offset 128), which a
    /// POSIX lock query sees from another process.
    static func processUsing(_ path: String) -> Int32? {
        let descriptor = open(path + "-shm", O_RDWR)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var query = flock()
        query.l_type = Int16(F_WRLCK)
        query.l_whence = Int16(SEEK_SET)
        query.l_start = 128
        query.l_len = 1
        guard fcntl(descriptor, F_GETLK, &query) == 0, query.l_type != Int16(F_UNLCK) else { return nil }
        return query.l_pid
    }

    /// Renames the database's files to `PATH.before-restore-STAMP` (and its -wal, -shm); returns the new path.
    static func moveAside(_ path: String, stamp: String) throws -> String {
        let aside = "\(path).before-restore-\(stamp)"
        for suffix in suffixes where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
        }
        try BackupFiles.flush((path as NSString).deletingLastPathComponent)
        return aside
    }
}
