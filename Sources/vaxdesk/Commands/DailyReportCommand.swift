import ArgumentParser
import Foundation
import VaxCore
import VaxStore

/// `vaxdesk report daily`: the site's Annex 5 for a day, every session of it summed.
struct DailyReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daily",
        abstract: "The daily report of Annex 5 (Decision 3588/QĐ-BYT): people, referred, refused, deferred, contraindicated, doses 1, 2 and later, doses used and discarded, reactions.",
        discussion: "Of today (the site's day), unless --day names one. Site lead only; audited as an export."
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var staff: ActingStaff

    @Option(help: "The day, dd/mm/yyyy (or yyyy-mm-dd).")
    var day: String?

    @Option(help: "text, csv or json.")
    var format: SessionReportCommand.Format = .text

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try site.openForReading(messages)
        let lead = try staff.signIn(database, messages: messages)
        var reportDay = LocalDay.of(Date())
        if let day {
            guard let parsed = RosterDate.parse(day), parsed.day != nil else { throw messages.failure("badDay", ["day": day]) }
            reportDay = parsed.stored
        }
        let day = reportDay
        // Refused before anything is read unless the role may export.
        try messages.refusing {
            try database.recordExport("daily report \(day) as \(format.rawValue)", by: lead.id, at: Date())
        }
        guard let report = try database.dailyReport(day: day) else { throw messages.failure("noSessionThatDay", ["day": day]) }
        switch format {
        case .text: print(report.lines(messages.strings).joined(separator: "\n"))
        case .csv: print(DailyReport.csv([report], messages.strings), terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }
}
