import Foundation

/// Where the backups of one database go and what they are called: `site-backup-20261202T061530Z.db`
/// for `site.db`, so that a directory can hold the backups of several databases, sorted by time.
struct BackupFiles {
    let directory: String
    /// The name of the database file without its extension: `site`.
    let base: String

    init(directory: String, database: String) {
        // Absolute, so that the record of a backup says where it is from any desk.
        self.directory = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath).standardizedFileURL.path
        base = ((database as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// The copy while it is written and checked: never taken for a backup.
    var partialPath: String { (directory as NSString).appendingPathComponent(".\(base)-backup.partial") }

    func prepareDirectory() throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// A new backup's name for `date` (UTC, to the second; a second backup in the same second gets a suffix).
    func newBackupPath(at date: Date) -> String {
        let stem = "\(base)-backup-\(Self.stamp(date))"
        var candidate = (directory as NSString).appendingPathComponent(stem + ".db")
        var suffix = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = (directory as NSString).appendingPathComponent("\(stem)-\(suffix).db")
            suffix += 1
        }
        return candidate
    }

    /// This database's backups in the directory, oldest first.
    func existing() throws -> [String] {
        let prefix = "\(base)-backup-"
        return try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { name in
                name.hasPrefix(prefix) && name.hasSuffix(".db")
                    && Self.isStamp(name.dropFirst(prefix.count).prefix(16))
            }
            .sorted { Self.order($0) < Self.order($1) }
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Removes all but the newest `count` backups of this database (never another database's, never
    /// another file).
    func rotate(keeping count: Int) throws {
        let all = try existing()
        for old in all.dropLast(count) {
            try FileManager.default.removeItem(atPath: old)
            for suffix in KeyFiles.suffixes { try? FileManager.default.removeItem(atPath: old + suffix) }
        }
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    private static func isStamp(_ text: Substring) -> Bool {
        text.count == 16 && text.enumerated().allSatisfy { index, character in
            switch index {
            case 8: character == "T"
            case 15: character == "Z"
            default: character.isASCII && character.isNumber
            }
        }
    }

    /// Sorts by time, then by the suffix a second backup in the same second gets.
    private static func order(_ name: String) -> (String, Int) {
        let stem = (name as NSString).deletingPathExtension
        guard let dash = stem.lastIndex(of: "-"), let suffix = Int(stem[stem.index(after: dash)...]), suffix < 1000 else {
            return (stem, 1)
        }
        return (String(stem[..<dash]), suffix)
    }

    /// Flushes a file or a directory (a rename is durable once its directory is) to the disk.
    static func flush(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    static func size(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
