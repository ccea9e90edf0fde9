import ArgumentParser
import Foundation
import VaxStore

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Push people through every station with several worker processes.",
        discussion: """
            Each worker uses the same store operations as the desks and prints one line \
            `confirmed <record-uuid> <event>` on stdout right after each commit, and `not-due <person-uuid>` \
            for a person whose dose check-in refuses (too early). On a database path that \
            does not exist yet, the demo site is created there first. Benchmarks and crash tests use it.
            """
    )

    @Option(help: "The site database.")
    var db: String

    @Option(help: "How many worker processes (desks) run at once.")
    var desks: Int = 2

    @Option(help: "How many people go through the stations.")
    var people: Int = 100

    @Option(help: "Seed of the random choices (screening answers, lots, arms).")
    var seed: UInt64 = 1

    mutating func validate() throws {
        guard (1...64).contains(desks) else { throw ValidationError("--desks must be between 1 and 64.") }
        guard (1...1_000_000).contains(people) else { throw ValidationError("--people must be between 1 and 1,000,000.") }
    }

    func run() throws {
        // Create and migrate once, here, before any worker opens the file.
        let database = try AppDatabase(path: db)
        try DemoSetup.ensure(database, people: max(people, 1_000))
        // Simulated doses "by TI01" with no PIN belong in a demo site only, never in a real one.
        guard try database.isDemoSite() else {
            throw CommandMessages(language: .vietnamese).failure("notDemoSite", ["path": db, "command": "simulate"])
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var workers: [Process] = []
        // Each worker's lifeline: the write end stays open, unwritten, as long as this process lives.
        let lifelines = (0..<desks).map { _ in Pipe() }
        for index in 0..<desks {
            let process = Process()
            process.standardInput = lifelines[index]
            process.executableURL = executable
            process.arguments = [
                "simulate-worker", "--db", db, "--worker", String(index), "--workers", String(desks),
                "--people", String(people), "--seed", String(seed),
            ]
            try process.run()
            workers.append(process)
        }
        var failed: [(Int, Int32)] = []
        defer { withExtendedLifetime(lifelines) {} }
        for (index, process) in workers.enumerated() {
            process.waitUntilExit()
            if process.terminationStatus != 0 { failed.append((index, process.terminationStatus)) }
        }
        let messages = CommandMessages(language: .english)
        for (index, code) in failed {
            FileHandle.standardError.write(Data((messages.text("workerFailed", ["n": String(index), "code": String(code)]) + "\n").utf8))
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
