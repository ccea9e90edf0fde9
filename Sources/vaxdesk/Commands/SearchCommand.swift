import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the roster as the check-in desk does, for scripts.",
        discussion: """
            The query is what a nurse types: name words in any order, without diacritics if you like \
            ("duc ng"), a 9- or 12-digit CCCD/CMND number, a birth year as a filter ("duc 1985"), or the \
            string a scanner reads from the QR of a CCCD card. Identity and phone numbers are masked \
            (•••2345) unless --by names a staff member, who signs in with their PIN; their search is \
            audited.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Your staff code, to see whole identity and phone numbers (your PIN is asked; audited).")
    var by: String?

    @Flag(help: "Print JSON (one array of people) instead of a table.")
    var json = false

    @Option(help: "At most this many people.")
    var limit: Int = 20

    @Argument(parsing: .remaining, help: "The query.")
    var query: [String]

    mutating func validate() throws {
        guard (1...1_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1,000.") }
        guard !query.isEmpty else { throw ValidationError("Give something to search for.") }
    }

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try site.openForReading(messages)
        let text = query.joined(separator: " ")
        let card = CitizenCardQR(scanned: text)
        let signedIn = try by.map { try ActingStaff.signIn(code: $0, database, messages: messages) }
        let matches = try database.searchRoster(RosterQuery(card?.citizenID ?? text), limit: limit)
        if let member = signedIn { try database.recordRosterSearch(text, answered: matches.count, by: member.id, at: Date()) }
        let whole = signedIn != nil
        if json {
            print(try Self.json(matches, whole: whole))
        } else {
            for match in matches {
                let person = match.person
                print([person.fullName, person.birthDate.description, person.sex.rawValue,
                       whole ? person.identityNumber ?? "" : person.maskedIdentityNumber,
                       person.commune ?? "", String(match.dosesOnRecord)].map(Printable.text).joined(separator: "\t"))
            }
        }
    }

    /// `whole`: the identity and phone numbers as they are; otherwise only their last four digits.
    static func json(_ matches: [RosterMatch], whole: Bool) throws -> String {
        struct Entry: Encodable {
            let id: String, fullName: String, birthDate: String, sex: String
            let identityNumber: String?, phone: String?, commune: String?, dosesOnRecord: Int, ticketToday: Int?
        }
        let entries = matches.map { match in
            Entry(id: match.person.id.uuidString, fullName: match.person.fullName, birthDate: match.person.birthDate.stored,
                  sex: match.person.sex.rawValue,
                  identityNumber: whole ? match.person.identityNumber : match.person.identityNumber.map { _ in match.person.maskedIdentityNumber },
                  phone: whole ? match.person.phone : match.person.phone.map { "•••" + $0.suffix(3) },
                  commune: match.person.commune, dosesOnRecord: match.dosesOnRecord, ticketToday: match.ticketToday)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }
}
