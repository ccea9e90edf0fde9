import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the site database to another disk (a USB stick), check the copy, keep the newest ones.",
        discussion: """
            Desks may keep working meanwhile: the copy is one consistent snapshot. The copy is flushed to \
            its disk and opened again (SQLite's integrity check, the audit chain, the same counts as the \
            original) before it is named SITE-backup-YYYYMMDDTHHMMSSZ.db; older backups of the same \
            database beyond --keep are removed. The sync service (vaxdesk sync --backup-to DIR) and a \
            desk (vaxdesk --backup-to DIR) can take one every --backup-every minutes. Put a backup back \
            with vaxdesk restore.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The folder to write to (on another disk than the database).")
    var to: String

    @Option(help: "How many backups of this database to keep in the folder.")
    var keep = 48

    mutating func validate() throws {
        guard keep >= 1 else { throw ValidationError("--keep must be at least 1.") }
    }

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try site.openForReading(messages)
        let record: BackupRecord
        do {
            record = try database.backUp(into: to, keep: keep, at: Date())
        } catch let failure as AppDatabase.BackupFailed {
            throw messages.failure("backupFailed", ["reason": failure.reason])
        }
        print(messages.text("backupDone", BackupSummary.values(record)))
    }
}

/// How a backup is told: its path, size and contents.
enum BackupSummary {
    static func values(_ record: BackupRecord) -> [String: String] {
        [
            "path": record.path, "mb": String(format: "%.1f", Double(record.bytes) / 1_048_576),
            "audit": String(record.auditRows), "people": String(record.people), "doses": String(record.doses),
            "pending": String(record.pending),
        ]
    }
}
