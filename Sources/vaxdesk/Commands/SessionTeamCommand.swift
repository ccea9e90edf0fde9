import ArgumentParser
import Foundation
import VaxCore
import VaxStore

/// The open session's team: only they (and the site lead) record its clinical steps.
struct SessionTeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "List the open session's team; with --add, add staff to it (site lead, audited).")

    @OptionGroup var site: SiteOptions

    @OptionGroup var staff: ActingStaff

    @Option(help: "Staff codes to add, separated by commas or spaces (DD02,TI02).")
    var add: String?

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let lead = try staff.signIn(database, messages: messages)
        if let add {
            let codes = add.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            let added = try messages.refusing { try database.addToTeam(codes, by: lead.id, at: Date()) }
            print(messages.text("teamAdded", ["n": String(added.count), "codes": added.map(\.code).joined(separator: ", ")]))
        }
        guard let session = try database.openSession() else { throw messages.failure("teamNoSession", [:]) }
        for member in try database.staff() where session.team.contains(member.id) {
            print(Printable.text([member.code, member.fullName, messages.strings["role.\(member.role.rawValue)"]].joined(separator: "\t")))
        }
    }
}
