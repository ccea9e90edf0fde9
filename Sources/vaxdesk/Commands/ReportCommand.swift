import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports of the site.",
        subcommands: [SessionReportCommand.self, DailyReportCommand.self, AdverseEventReportCommand.self]
    )
}

struct SessionReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "The end-of-session report: vaccinated by product, dose, sex, age and priority group; not vaccinated; AEFI; vials.",
        discussion: "Of the open session, or the last one, unless --session names one. Site lead only; audited as an export."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

    @OptionGroup var site: SiteOptions

    @OptionGroup var staff: ActingStaff

    @Option(help: "The session's id.")
    var session: String?

    @Option(help: "text, csv or json.")
    var format: Format = .text

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try site.openForReading(messages)
        let lead = try staff.signIn(database, messages: messages)
        var sessionID: UUID?
        if let session {
            guard let id = UUID(uuidString: session) else { throw messages.failure("badSession", ["id": session]) }
            sessionID = id
        }
        let report: SessionReport
        do {
            report = try database.sessionReport(sessionID: sessionID)
        } catch VisitError.notFound(.session) {
            throw messages.failure("noSession", [:])
        }
        try messages.refusing {
            try database.recordExport("session report \(report.sessionID.uuidString) as \(format.rawValue)", by: lead.id, at: Date())
        }
        switch format {
        case .text:
            print(SessionReportText.text(report, resources: try LoadedResources(language: site.language)))
        case .csv:
            print(SessionReportText.csv(report), terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }
}

/// The report as people and spreadsheets read it.
enum SessionReportText {
    static func text(_ report: SessionReport, resources: LoadedResources) -> String {
        report.lines(resources.strings) { resources.catalog.product($0)?.name ?? $0 }.joined(separator: "\n")
    }

    /// `section,key,value` rows.
    static func csv(_ report: SessionReport) -> String {
        var rows = ["section,key,value", "session,day,\(report.day)", "session,status,\(report.status)",
                    "total,checked_in,\(report.checkedIn)", "total,vaccinated,\(report.vaccinated)",
                    "not_vaccinated,deferred,\(report.deferred)", "not_vaccinated,contraindicated,\(report.contraindicated)",
                    "not_vaccinated,referred,\(report.referred)", "aefi,common,\(report.aefiCommon)",
                    "aefi,serious,\(report.aefiSerious)", "registered,registered,\(report.registered)",
                    "registered,did_not_come,\(report.noShows.count)"]
        for (section, counts) in [("product", report.byProduct), ("dose_number", report.byDoseNumber), ("sex", report.bySex),
                                  ("age_group", report.byAgeGroup), ("priority_group", report.byPriorityGroup),
                                  ("left_without_dose", report.leftWithoutDose)] {
            rows += counts.sorted { $0.key < $1.key }.map { "\(section),\"\($0.key)\",\($0.value)" }
        }
        for lot in report.lots {
            let key = "\(lot.product) \(lot.lot)"
            rows += [
                "lot_received,\(key),\(lot.dosesReceived)", "lot_vials_opened,\(key),\(lot.vialsOpened)",
                "lot_given,\(key),\(lot.dosesGiven)", "lot_wasted,\(key),\(lot.dosesWasted)",
                "lot_returned,\(key),\(lot.dosesReturned)",
            ]
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
