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
        Self.exitWhenStdinCloses()
        let database = try AppDatabase(path: db)
        guard try database.isDemoSite() else {
            throw CommandMessages(language: .english).failure("notDemoSite", ["path": db, "command": "simulate-worker"])
        }
        let resources = try LoadedResources(language: .english)
        var simulation = try Simulation(
            database: database, checklist: resources.checklist, catalog: resources.catalog,
            seed: seed &+ UInt64(worker))
        let mine = try database.rosterPeople(first: people).enumerated()
            .filter { $0.offset % workers == worker }.map(\.element)
        for person in mine {
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

    /// A worker dies with its parent, however the parent ends (stopped, killed, crashed): the parent
    /// holds the write end of this worker's stdin and never writes, so the kernel closes it, and this
    /// read returns, only when the parent is gone. An orphan must not go on writing.
    static func exitWhenStdinCloses() {
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while true {
                let count = read(STDIN_FILENO, &byte, 1)
                if count == 0 { _exit(2) }
                // No usable stdin: no lifeline to watch.
                if count < 0 && errno != EINTR { return }
            }
        }
    }

    /// One write(2) per line, so lines of several workers never interleave on a shared pipe.
    static func say(_ text: String) {
        let line = text + "\n"
        _ = line.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
    }
}
