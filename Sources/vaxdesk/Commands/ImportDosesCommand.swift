import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct ImportDosesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doses",
        abstract: "Backfill doses given but never recorded (paper records) from a CSV file.",
        discussion: """
            One dose per row. Columns: Số CCCD/CMND (or Họ và tên and Ngày sinh), Mũi, Vắc xin, Ngày tiêm, and \
            optionally Số lô and Nơi tiêm; headers in Vietnamese with or without diacritics, or English. Each \
            dose is marked as backfilled with --source, audited, and queued for sync. A dose already on record \
            is not added twice; a row whose person is not on the roster is refused.
            """
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var staff: ActingStaff

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "Where the doses come from, kept with each (for example \"sổ tiêm chủng giấy, trạm y tế X\").")
    var source: String

    @Option(help: "Where to write the rows that were refused.")
    var errors: String?

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let table = try RosterFile.read(file, messages: messages)
        let resources = try LoadedResources(language: site.language)
        let parser = BackfillRowParser(header: table.header, catalog: resources.catalog, today: LocalDay.of(Date()))
        guard parser.hasRequiredColumns else { throw messages.failure("backfillMissingColumns", [:]) }
        var accepted: [(line: Int, dose: BackfillDose)] = []
        var report = RosterErrorReport()
        for (line, problem) in table.unreadableProblems { report.add(line: line, [problem]) }
        for row in table.rows {
            switch parser.parse(row.fields) {
            case .accepted(let dose): accepted.append((row.line, dose))
            case .rejected(let problems): report.add(line: row.line, problems)
            }
        }
        let database = try AppDatabase(path: site.databasePath)
        let member = try staff.signIn(database, messages: messages)
        let result = try messages.refusing { try database.backfill(accepted, source: source, by: member.id, at: Date()) }
        for (line, problem) in result.refused { report.add(line: line, [problem]) }
        print(messages.text("backfillSummary", [
            "read": String(table.rows.count), "added": String(result.added),
            "known": String(result.alreadyRecorded), "rejected": String(report.rowCount),
        ]))
        try report.deliver(to: errors, messages: messages)
    }
}
