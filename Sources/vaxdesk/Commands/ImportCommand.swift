import ArgumentParser

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import lists prepared before the session.",
        subcommands: [ImportRosterCommand.self, ImportDosesCommand.self, ImportStaffCommand.self]
    )
}
