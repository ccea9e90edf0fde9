import ArgumentParser
import Foundation
import VaxCore
import VaxStore

/// `vaxdesk report aefi`: an adverse event's report, on the form a serious one is sent on within 24 hours.
struct AdverseEventReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aefi",
        abstract: "The site's AEFI reports; with --case, one report (Circular 34/2018/TT-BYT's form for a serious one).",
        discussion: """
            Without --case, the list of the site's reports, newest first, each with its case number \
            (KG-0001-AEFI-2026-0003) and whether the centre has it yet. The report holds \
            WHO's core variables: the person and their medical history, the vaccine, lot and dose, the onset, signs, \
            severity, what was done, the referral and the outcome, the reporter and how to reach them. --out writes it \
            to a file readable by its owner only.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var staff: ActingStaff

    @Option(name: .customLong("case"), help: "The case number of the report to print.")
    var caseNumber: String?

    @Option(help: "Write the report to this file (0600) instead of printing it.")
    var out: String?

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let member = try staff.signIn(database, messages: messages)
        let resources = try LoadedResources(language: site.language)
        guard let caseNumber else {
            for report in try messages.refusing({ try database.adverseEventReports(by: member.id) }) {
                let when = LocalDay.shown(LocalDay.of(report.recordedAt))
                print(Printable.text([report.caseNumber, when, report.person,
                                      messages.strings[report.serious ? "aefiReport.serious" : "aefiReport.common"],
                                      messages.text(report.atCentre ? "aefiAtCentre" : "aefiNotAtCentre")].joined(separator: " · ")))
            }
            return
        }
        let report = try messages.refusing { try database.adverseEventReport(caseNumber: caseNumber, by: member.id) }
        let text = Printable.text(report.lines(messages.strings, catalog: resources.catalog, timeZone: LocalDay.vietnam)
            .joined(separator: "\n")) + "\n"
        if let out {
            try PrivateFile.write(Data(text.utf8), to: out)
            print(messages.text("reportWritten", ["path": out]))
        } else {
            print(text, terminator: "")
        }
    }
}
