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

    @Flag(help: "Delete the demo database first and create it anew (asked first; a real site's database is never deleted).")
    var fresh = false

    @Flag(help: "With --fresh: do not ask.")
    var yes = false

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
        if fresh, FileManager.default.fileExists(atPath: path) { try removeDemo(at: path, messages) }
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

    /// Deletes the demo database at `path` once its owner has said so; a real site's, never.
    private func removeDemo(at path: String, _ messages: CommandMessages) throws {
        // Read, then closed before anything is deleted.
        let (hasSite, isDemo, people) = try {
            let existing = try AppDatabase(path: path)
            return (try existing.site() != nil, try existing.isDemoSite(), try existing.rosterCount())
        }()
        if hasSite {
            guard isDemo else { throw messages.failure("freshNotDemo", ["path": path]) }
            if !yes {
                FileHandle.standardError.write(Data(messages.text("freshAsk", ["path": path, "n": String(people)]).utf8))
                let answer = readLine()?.trimmed.lowercased() ?? ""
                guard ["xoa", "xóa", "delete"].contains(answer) else { throw messages.failure("freshKept", ["path": path]) }
            }
        }
        DemoSetup.remove(at: path)
    }
}
