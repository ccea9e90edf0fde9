import ArgumentParser
import Foundation
import VaxDemo
import VaxStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a demo site (if missing) and open the desk interface on it.",
        discussion: """
            The demo site is a commune health station in Kiên Giang with staff for every role, an open \
            session for today with lots of two products, and a synthetic roster of Vietnamese people.
            """
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var desk: DeskOptions

    @Option(help: "How many people the synthetic roster has.")
    var people: Int = 20_000

    @Flag(help: "Delete the database first and create the demo site anew.")
    var fresh = false

    @Flag(help: "Create the demo site and stop, without opening the interface.")
    var setupOnly = false

    mutating func validate() throws {
        guard (1...5_000_000).contains(people) else {
            throw ValidationError("--people must be between 1 and 5,000,000.")
        }
    }

    func run() throws {
        let path = site.databasePath
        let messages = CommandMessages(language: site.language)
        if fresh { DemoSetup.remove(at: path) }
        let database = try AppDatabase(path: path)
        let started = Date()
        if try database.site() == nil {
            print(messages.text("demoCreating", ["n": String(people), "path": path]))
            try DemoSetup.ensure(database, people: people) { done in
                if done % 100_000 == 0 || done == people {
                    print(messages.text("demoProgress", ["done": String(done), "n": String(people)]))
                }
            }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            print(messages.text("demoCreated", ["seconds": seconds]))
        } else {
            print(messages.text("demoExists", ["path": path, "n": String(try database.rosterCount())]))
        }
        print(messages.text("demoStaff", [:]))
        for member in try database.staff() {
            let role = messages.strings["role.\(member.role.rawValue)"]
            print("  \(member.code)  PIN \(DemoSite.pins[member.code] ?? "—")  \(member.fullName) (\(role))")
        }
        if !setupOnly {
            try DeskLauncher.open(site, desk)
        }
    }
}
