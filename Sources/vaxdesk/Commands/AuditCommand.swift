import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit trail.",
        subcommands: [AuditVerifyCommand.self, AuditListCommand.self]
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
        let database = try site.openForReading(messages)
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

struct AuditListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The latest rows of the audit trail, newest first (site lead only).",
        discussion: "Each row: number, time at the site, staff code, act, record, detail."
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var staff: ActingStaff

    @Option(help: "How many rows.")
    var limit = 50

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try site.openForReading(messages)
        let lead = try staff.signIn(database, messages: messages)
        let timeZone = (try database.site()).flatMap { TimeZone(identifier: $0.timeZoneIdentifier) } ?? LocalDay.vietnam
        for entry in try messages.refusing({ try database.auditTrail(limit: limit, by: lead.id) }) {
            print(AuditLine.text(entry, timeZone: timeZone))
        }
    }
}
