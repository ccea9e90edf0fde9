import ArgumentParser
import Foundation
import VaxCore
import VaxDemo
import VaxStore
#if canImport(Glibc)
import Glibc
#endif

/// One desk process of `vaxdesk simulate`: takes every n-th person of the roster through check-in,
/// screening, injection, observation and discharge.
struct SimulateWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-worker", abstract: "One worker process of `vaxdesk simulate`.",
        shouldDisplay: false)

    @Option var db: String
    @Option var worker: Int
    @Option var workers: Int
    @Option var people: Int
    @Option var seed: UInt64

    func run() throws {
        let parent = getppid()
        let database = try AppDatabase(path: db)
        let resources = try LoadedResources(language: .english)
        var simulation = try Simulation(
            database: database, checklist: resources.checklist, catalog: resources.catalog,
            seed: seed &+ UInt64(worker))
        let mine = try database.rosterPeople(first: people).enumerated()
            .filter { $0.offset % workers == worker }.map(\.element)
        for person in mine {
            // Stop when the parent is gone (killed): an orphan must not go on writing.
            if getppid() != parent { throw ExitCode(2) }
            try simulation.run(person, confirmed: { record, event in
                Self.say("confirmed \(record.uuidString) \(event)")
            }, notDue: { person in
                Self.say("not-due \(person.uuidString)")
            })
        }
        // The end of this desk's day: what is left in its open vials is wasted, with the reason.
        try simulation.discardOpenVials { record, event in
            Self.say("confirmed \(record.uuidString) \(event)")
        }
    }

    /// One write(2) per line, so lines of several workers never interleave on a shared pipe.
    static func say(_ text: String) {
        let line = text + "\n"
        _ = line.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
    }
}
