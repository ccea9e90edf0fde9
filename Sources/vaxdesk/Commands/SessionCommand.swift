import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Open, list and close out the site's sessions.",
        subcommands: [SessionOpenCommand.self, SessionListCommand.self, SessionCloseCommand.self, SessionAmendCommand.self,
                      SessionVoidCommand.self,
                      SessionTeamCommand.self]
    )
}

struct SessionCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close the open session once nobody waits or is in observation and every vial is finished.",
        discussion: """
            Prints the end-of-session report. A closed session takes no more clinical records. People still \
            waiting for screening or injection are listed, and the session stays open, unless \
            --left-without-dose gives the reason they go home without a dose (each is recorded so, audited, \
            and counted in the report).
            """
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var staff: ActingStaff

    @Option(help: "Why the people still waiting leave without a dose (the end of the day, no vaccine left).")
    var leftWithoutDose: String?

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let lead = try staff.signIn(database, messages: messages)
        let waiting = try database.stillWaiting()
        if !waiting.isEmpty {
            guard let reason = leftWithoutDose else {
                let timeZone = (try database.site()).flatMap { TimeZone(identifier: $0.timeZoneIdentifier) } ?? LocalDay.vietnam
                let list = waiting.map { entry in
                    "  " + messages.text("stillWaitingRow", [
                        "ticket": String(entry.ticket), "name": entry.person.fullName,
                        "stage": messages.strings["stage.\(entry.stage.rawValue)"],
                        "since": LocalDay.time(entry.since, in: timeZone),
                    ])
                }
                throw CommandRefusal(([messages.count("stillWaiting", waiting.count)] + list).joined(separator: "\n"))
            }
            let count = try messages.refusing { try database.recordLeftWithoutDose(reason: reason, by: lead.id, at: Date()) }
            print(messages.count("leftWithoutDose", count))
        }
        try messages.refusing { try database.closeSession(by: lead.id, at: Date()) }
        print(SessionReportText.text(try database.sessionReport(), resources: try LoadedResources(language: site.language)))
    }
}

struct SessionOpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a session: its place, day, team and the lots received.",
        discussion: """
            Each --lot is PRODUCT:LOT:EXPIRY:DOSES, the product by name or alias (pfizer, AZ, Moderna…), the \
            expiry as dd/mm/yyyy or yyyy-mm-dd. The team is a comma-separated list of staff codes; the site \
            lead who opens the session is always on it. Refused while another session is open.
            """
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var staff: ActingStaff

    @Option(help: "Where the session takes place.")
    var place: String

    @Option(help: "The day (dd/mm/yyyy or yyyy-mm-dd); today when left out.")
    var day: String?

    @Option(parsing: .singleValue, help: "A lot received: PRODUCT:LOT:EXPIRY:DOSES (repeat for each lot).")
    var lot: [String] = []

    @Option(help: "The team's staff codes, comma-separated.")
    var team: String = ""

    @Option(help: "How many people are expected.")
    var planned: Int?

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let resources = try LoadedResources(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let lead = try staff.signIn(database, messages: messages)
        let members = try database.staff()
        let teamIDs = try team.split(separator: ",").map { try messages.staffMember(String($0), in: members).id }
        let lots = try lot.map { text -> VaccineLot in
            guard let parsed = SessionPlan.lot(text, catalog: resources.catalog) else {
                throw messages.failure("badLot", ["lot": text])
            }
            return parsed
        }
        guard !lots.isEmpty else { throw messages.failure("noLots", [:]) }
        var sessionDay = LocalDay.of(Date())
        if let day {
            guard let parsed = RosterDate.parse(day), parsed.month != nil else { throw messages.failure("badDay", ["day": day]) }
            sessionDay = parsed.stored
        }
        let session = try messages.refusing {
            try database.openSession(
                day: sessionDay, place: place, team: teamIDs, lots: lots, planned: planned, by: lead.id, at: Date())
        }
        print(messages.text("sessionOpened", ["id": session.id.uuidString, "lots": String(lots.count)]))
    }
}

struct SessionListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The site's sessions, newest first.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        let database = try AppDatabase(path: site.databasePath)
        for session in try database.sessions() {
            print("\(session.id.uuidString)  \(session.day)  \(session.status.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0))  \(session.place)")
        }
    }
}

