import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Close out the open session.",
        subcommands: [SessionCloseCommand.self]
    )
}

struct SessionCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close the open session once nobody is in observation and every vial is finished.",
        discussion: "Prints the end-of-session report. A closed session takes no more clinical records."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The site lead's staff code.")
    var by: String

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        guard let lead = try database.staff().first(where: { $0.code == by }) else {
            throw messages.failure("unknownStaff", ["code": by])
        }
        do {
            try database.closeSession(by: lead.id, at: Date())
        } catch let error as VisitError {
            throw ValidationError(messages.strings.text(error.messageKey, error.messageValues))
        }
        print(SessionReportText.text(try database.sessionReport(), resources: try LoadedResources(language: site.language)))
    }
}
