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
            nothing. A database path that does not exist yet is created. Once the site has staff, only a \
            site lead imports (--by).
            """
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "Your staff code (a site lead), once the site has staff. Your PIN is asked for.")
    var by: String?

    @Option(help: "Where to write the rows that were refused (CSV: row, column, value, reason in Vietnamese and English).")
    var errors: String?

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let outcome = try messages.refusing { try RosterImportRun.run(
            path: file, messages: messages, resources: try LoadedResources(language: site.language),
            open: {
                let database = try AppDatabase(path: site.databasePath)
                return (database, try by.map { try ActingStaff.signIn(code: $0, database, messages: messages).id })
            }, at: Date()) }
        let summary = outcome.summary
        print(messages.text("importSummary", [
            "read": String(summary.rowsRead), "imported": String(summary.imported), "updated": String(summary.updated),
            "unchanged": String(summary.unchanged), "duplicates": String(summary.duplicates),
            "rejected": String(summary.rejected),
        ]))
        print(messages.text("importLines", ["lines": String(summary.physicalLines)]))
        try outcome.report.deliver(to: errors, messages: messages)
    }
}
