import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct ImportStaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Import the site's staff from a CSV file (Mã, Họ và tên, Vai trò).",
        discussion: """
            Columns by header: Mã/Code, Họ và tên/Name, Vai trò/Role. Roles as written: điều dưỡng tiếp \\
            đón, bác sĩ khám sàng lọc, tiêm chủng viên, điều dưỡng theo dõi, phụ trách điểm tiêm (or the \\
            English names). Staff already there (same code) are updated; refused rows are listed. Each \
            member added gets a random first PIN, printed once: only its hash is kept.
            """
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var staff: ActingStaff

    @Argument(help: "The CSV file.")
    var file: String

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let table = try RosterFile.read(file, messages: messages)
        let keys = table.header.map { NameFolding.fold($0) }
        func column(_ names: [String]) -> Int? { keys.firstIndex { names.contains($0) } }
        guard let code = column(["ma", "ma nhan vien", "code"]), let name = column(["ho va ten", "ho ten", "name", "full name"]),
              let role = column(["vai tro", "chuc danh", "role"])
        else { throw messages.failure("staffColumns", [:]) }
        var members: [Staff] = []
        var refused = table.unreadable.count
        for (line, problem) in table.unreadableProblems {
            print(messages.text("staffRefused", ["line": String(line), "reason": messages.strings.text(problem.reason.rawValue, problem.details)]))
        }
        for row in table.rows {
            func field(_ index: Int) -> String { index < row.fields.count ? row.fields[index] : "" }
            switch StaffRow.parse(code: field(code), name: field(name), role: field(role)) {
            case .success(let member): members.append(member)
            case .failure(let problem):
                refused += 1
                print(messages.text("staffRefused", ["line": String(row.line), "reason": messages.strings[problem.rawValue]]))
            }
        }
        let database = try AppDatabase(path: site.databasePath)
        let lead = try staff.signIn(database, messages: messages)
        let result = try messages.refusing { try database.importStaff(members, by: lead.id, at: Date()) }
        print(messages.text("staffImported", ["added": String(result.added), "updated": String(result.updated),
                                              "refused": String(refused)]))
        for (code, pin) in result.newPINs.sorted(by: { $0.key < $1.key }) {
            print(messages.text("newPIN", ["code": code, "pin": pin]))
        }
    }
}
