import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put the site database back from a backup.",
        discussion: """
            The backup is checked first. A database already at --db is moved aside (never deleted) to \
            PATH.before-restore-STAMP; it is not replaced when it holds records the backup lacks or is \
            another site's (unless --force), nor while a desk or the sync service has it open. The \
            restored site carries on: the records that were waiting for the centre when the backup was \
            taken are sent again, and the centre keeps each record once.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The backup file.")
    var from: String

    @Flag(help: "Replace a database that holds more than the backup, or another site's (it is kept aside).")
    var force = false

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let target = site.databasePath
        let outcome: Restore.Outcome
        do {
            outcome = try Restore.restore(from: (from as NSString).expandingTildeInPath, to: target, force: force, at: Date())
        } catch let refusal as Restore.Refusal {
            throw CommandRefusal(Self.message(refusal, messages))
        }
        if let aside = outcome.setAside { print(messages.text("restoreSetAside", ["path": aside])) }
        print(messages.text("restoreDone", ["path": target, "audit": String(outcome.auditRows), "pending": String(outcome.pending)]))
    }

    static func message(_ refusal: Restore.Refusal, _ messages: CommandMessages) -> String {
        switch refusal {
        case .backupDamaged(let reason): messages.text("restoreDamaged", ["reason": reason])
        case .targetNewer(let target, let backup):
            messages.text("restoreNewer", ["target": String(target), "backup": String(backup)])
        case .otherSite(let backup, let target): messages.text("restoreOtherSite", ["backup": backup, "target": target])
        case .inUse(let pid): messages.text("restoreInUse", ["pid": String(pid)])
        }
    }
}
