import ArgumentParser
import VaxStore

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
            SyncCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self,
            SessionCommand.self, StaffCommand.self, PersonCommand.self, CertificateCommand.self,
            VerifyCertificateCommand.self, SigningCommand.self, AuditCommand.self, SimulateCommand.self, SimulateWorkerCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as AppDatabase.OpenFailed {
            exit(withError: CommandRefusal(OpenFailure.message(failure, language: OpenFailure.language(CommandLine.arguments))))
        } catch where StorageProblem(error) != .other {
            exit(withError: CommandRefusal(OpenFailure.message(storing: StorageProblem(error), language: OpenFailure.language(CommandLine.arguments))))
        } catch {
            exit(withError: error)
        }
    }
}
