import ArgumentParser
import Foundation
import VaxStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit trail.",
        subcommands: [AuditVerifyCommand.self]
    )
}

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit trail's hash chain; name the first row altered, removed or reordered.",
        discussion: "Exits with status 1 when the chain is broken."
    )

    @OptionGroup var site: SiteOptions

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        switch try database.verifyAudit() {
        case .intact(let rows):
            print(messages.text("auditIntact", ["n": String(rows)]))
        case .altered(let seq):
            print(messages.text("auditAltered", ["seq": String(seq)]))
            throw ExitCode(1)
        case .missingBefore(let seq):
            print(messages.text("auditMissing", ["seq": String(seq)]))
            throw ExitCode(1)
        }
    }
}
