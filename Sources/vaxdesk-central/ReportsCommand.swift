import ArgumentParser
import Foundation
import VaxCentral

/// The counts the province's reports read, brought up to date by hand (the service does it by
/// itself every few seconds, and before every report).
struct ReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports", abstract: "The counts behind the reports and the dashboard.",
        subcommands: [ReportsRefresh.self])
}

struct ReportsRefresh: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Bring the report counts up to every committed change; with --rebuild, count everything again.")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Count every stored record again (after a restore, or facts backfilled).")
    var rebuild = false

    func run() async throws {
        let rebuild = rebuild
        let start = Date()
        let groups = try await store.withStorage { storage in
            if rebuild {
                _ = try await storage.completeReportFacts()
                return try await storage.rebuildReports()
            }
            return try await storage.refreshReports()
        }
        print("\(groups) site-days counted in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }
}
