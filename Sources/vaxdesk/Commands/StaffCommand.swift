import ArgumentParser
import Foundation
import VaxStore

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "The site's staff and their PINs.",
        subcommands: [StaffListCommand.self, StaffResetPINCommand.self]
    )
}

struct StaffListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The site's active staff.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        let messages = CommandMessages(language: site.language)
        for member in try AppDatabase(path: site.databasePath).staff() {
            print("\(member.code)  \(member.fullName)  (\(messages.strings["role.\(member.role.rawValue)"]))")
        }
    }
}

struct StaffResetPINCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-pin",
        abstract: "Give a staff member a new random PIN (a forgotten PIN, or a lock after wrong ones).",
        discussion: "Site lead only. The new PIN is printed once; the wrong-PIN count and any lock are cleared."
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var staff: ActingStaff

    @Argument(help: "The code of the staff member whose PIN is reset.")
    var code: String

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let lead = try staff.signIn(database, messages: messages)
        let pin = AppDatabase.newPIN()
        try messages.refusing { try database.setPIN(pin, forCode: code, by: lead.id, at: Date()) }
        print(messages.text("pinReset", ["code": code.uppercased(), "pin": pin]))
    }
}
