import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct ImportRosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Import the roster (danh sách đối tượng) from a CSV file.",
        discussion: """
            UTF-8 with or without BOM; comma, semicolon or tab separated; headers in Vietnamese (with or \
            without diacritics) or English: STT, Họ và tên, Ngày sinh, Giới tính, Số CCCD/CMND, Số điện \
            thoại, Địa chỉ, Xã/Phường, Nhóm ưu tiên, Số thẻ BHYT, Vắc xin mũi N, Ngày tiêm mũi N. Rows that \
            cannot be read are listed with their row number, column and reason; the others are imported. \
            People already on the roster are completed, not duplicated; importing a file twice changes \
            nothing. A database path that does not exist yet is created.
            """
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "Where to write the rows that were refused (CSV: row, column, value, reason in Vietnamese and English).")
    var errors: String?

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let table = try RosterFile.read(file, messages: messages)
        let resources = try LoadedResources(language: site.language)
        let parser = RosterRowParser(
            header: table.header, provinces: resources.provinces, catalog: resources.catalog,
            currentYear: Calendar(identifier: .gregorian).component(.year, from: Date()))
        let missing = parser.missingRequiredColumns
        guard missing.isEmpty else {
            throw messages.failure("importMissingColumns", ["columns": missing.map { messages.strings["column.\($0)"] }.joined(separator: ", ")])
        }
        var accepted: [RosterEntry] = []
        var report = RosterErrorReport()
        for row in table.rows {
            switch parser.parse(row.fields) {
            case .accepted(let entry): accepted.append(entry)
            case .rejected(let problems): report.add(line: row.line, problems)
            }
        }
        let database = try AppDatabase(path: site.databasePath)
        var summary = try database.importRoster(accepted, at: Date())
        summary.rejected = report.rowCount
        print(messages.text("importSummary", [
            "read": String(summary.rowsRead), "imported": String(summary.imported), "updated": String(summary.updated),
            "unchanged": String(summary.unchanged), "duplicates": String(summary.duplicates),
            "rejected": String(summary.rejected),
        ]))
        try report.deliver(to: errors, messages: messages)
    }
}
