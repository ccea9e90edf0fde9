import ArgumentParser

@main
struct VaxDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vaxdesk",
        abstract: "On-site vaccination sessions: check-in, screening, injection and observation.",
        discussion: """
            With no subcommand, opens the desk interface on the site database. Every confirmed step is \
            written at once to that SQLite file, which all desks of the site share.
            """,
        subcommands: [
            OpenCommand.self, DemoCommand.self, ImportCommand.self, SearchCommand.self, ReportCommand.self,
            SyncCommand.self, ExportCommand.self,
            SessionCommand.self, StaffCommand.self, AuditCommand.self, SimulateCommand.self, SimulateWorkerCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )
}
