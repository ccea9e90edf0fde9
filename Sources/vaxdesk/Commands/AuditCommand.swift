import ArgumentParser
import Foundation
import VaxCore
import VaxStore
import VaxSync

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
        discussion: """
            With --central, the trail is also held against the heads the centre saw with each push: a trail \
            rewritten from the database file (its hashes computed again) or cut at its end is found there. \
            Exits with status 1 when the chain is broken or does not match what the centre saw.
            """
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var centralOptions: CentralOptions

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try site.openForReading(messages)
        var intact = true
        switch try database.verifyAudit() {
        case .intact(let rows):
            print(messages.text("auditIntact", ["n": String(rows)]))
        case .altered(let seq):
            print(messages.text("auditAltered", ["seq": String(seq)]))
            intact = false
        case .missingBefore(let seq):
            print(messages.text("auditMissing", ["seq": String(seq)]))
            intact = false
        }
        if centralOptions.central != nil, !(try AuditAgainstCentre(database: database, messages: messages).check(centralOptions)) {
            intact = false
        }
        if !intact { throw ExitCode(1) }
    }
}

/// The site's trail held against the heads the centre saw (`vaxdesk audit verify --central`).
struct AuditAgainstCentre {
    let database: AppDatabase
    let messages: CommandMessages

    /// Prints what it found; whether the trail matches.
    func check(_ options: CentralOptions) throws -> Bool {
        let transport = try options.transport(messages: messages)
        let list: SeenAuditHead.List
        do {
            list = try transport.seenAuditHeads()
        } catch {
            throw messages.failure("auditCentralUnreachable", ["reason": Pusher.describe(error)])
        }
        let timeZone = (try database.site()).flatMap { TimeZone(identifier: $0.timeZoneIdentifier) } ?? LocalDay.vietnam
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.dateFormat = "dd/MM/yyyy HH:mm:ss"
        switch try database.compareAudit(with: list.heads) {
        case .matches(_, nil):
            print(messages.text("auditCentralNone"))
            return true
        case .matches(let heads, let newest?):
            print(messages.text("auditCentralMatches", ["heads": String(heads), "seq": String(newest)]))
            return true
        case .changed(let seq, let seenAt, let since):
            let values = ["seq": String(seq), "seen": formatter.string(from: seenAt), "since": since.map(String.init) ?? ""]
            print(messages.text(since == nil ? "auditCentralChangedFromStart" : "auditCentralChanged", values))
        case .removed(let seq, let seenAt, let newest):
            print(messages.text("auditCentralRemoved", ["seq": String(seq), "seen": formatter.string(from: seenAt), "newest": String(newest)]))
        }
        if let restore = try database.lastRestore() {
            print(messages.text("auditCentralRestored", ["seq": String(restore.seq), "at": restore.at]))
        }
        return false
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
            print(Printable.text(AuditLine.text(entry, timeZone: timeZone, strings: messages.strings)))
        }
    }
}
