import ArgumentParser
import Foundation
import VaxCore
import VaxStore

/// Options every command that works on a site database takes.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site database (default: $XDG_DATA_HOME/vaxdesk/site.db).")
    var db: String?

    @Option(name: .long, help: "Interface language: vi (default) or en.")
    var lang: String = ProcessInfo.processInfo.environment["VAXDESK_LANG"] ?? "vi"

    var databasePath: String {
        if let db { return (db as NSString).expandingTildeInPath }
        let environment = ProcessInfo.processInfo.environment
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("vaxdesk/site.db")
    }

    var language: Language { Language(rawValue: lang) ?? .vietnamese }

    mutating func validate() throws {
        guard Language(rawValue: lang) != nil else {
            throw ValidationError("--lang must be vi or en, not '\(lang)'.")
        }
    }
}

extension SiteOptions {
    /// Opens the site database for a command that only reads (search, report, audit, export, backup).
    /// On a disk that cannot be written (ext4 remounts read-only after errors) it opens read-only, says
    /// so on standard error, and reads what can be rescued; the acts it would audit go unrecorded.
    func openForReading(_ messages: CommandMessages) throws -> AppDatabase {
        let path = databasePath
        guard FileManager.default.fileExists(atPath: path) else { throw messages.failure("noDatabase", ["path": path]) }
        var problem = StorageProblem.readOnly
        if DiskAccess.isWritable(path) {
            do {
                return try AppDatabase(path: path)
            } catch where [.readOnly, .diskFull, .diskError].contains(StorageProblem(error)) {
                // Writable by its mode, but the disk refuses (read-only after errors, full): read only.
                problem = StorageProblem(error)
            }
        }
        let database = try AppDatabase(readingAt: path)
        FileHandle.standardError.write(Data((messages.text("readOnlyDisk", [
            "path": path, "problem": messages.strings["storage.\(problem.rawValue)"],
        ]) + "\n").utf8))
        return database
    }
}

/// Whether a file and its folder can be written (SQLite writes its -wal and -shm beside the file).
enum DiskAccess {
    static func isWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return access(path, W_OK) == 0 && access(folder.isEmpty ? "." : folder, W_OK) == 0
    }
}
