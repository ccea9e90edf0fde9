import Foundation
import VaxCore
import VaxDemo
import VaxStore

/// Search latency per keystroke on a site database, beside a plain FTS5 prefix query on the same data.
///
///     vaxdesk-bench search DB [QUERIES]
///
/// Queries are what a check-in nurse types for people of the roster, one keystroke at a time: the
/// given name then the start of the family name ("d", "du", "duc", "duc ", "duc n", "duc ng"), without
/// diacritics, as most do.
@main
enum Bench {
    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.count == 3, arguments[1] == "roster", let count = Int(arguments[2]) {
            return roster(count)
        }
        if arguments.count == 4, arguments[1] == "roster-csv", let count = Int(arguments[2]) {
            return try RosterCSV.write(count, to: arguments[3])
        }
        if arguments.count == 4, arguments[1] == "queue-doses", let count = Int(arguments[3]) {
            return try queueDoses(count, in: arguments[2])
        }
        guard arguments.count >= 3, arguments[1] == "search" else {
            print("usage: vaxdesk-bench search DB [QUERIES] | vaxdesk-bench roster N | vaxdesk-bench roster-csv N FILE | vaxdesk-bench queue-doses DB N")
            exit(2)
        }
        let database = try AppDatabase(path: arguments[2])
        let people = arguments.count > 3 ? Int(arguments[3]) ?? 200 : 200
        let roster = try database.rosterPeople(first: 50_000)
        var rng = SeededGenerator(seed: 7)
        var keystrokes: [String] = []
        for _ in 0..<people {
            let words = NameFolding.fold(roster.randomElement(using: &rng)!.fullName).split(separator: " ")
            let typed = String(words.last!) + " " + String(words.first!.prefix(2))
            for end in 1...typed.count { keystrokes.append(String(typed.prefix(end))) }
        }
        // Warm the page cache the way a desk that has been open a while has it.
        for query in keystrokes.prefix(200) { _ = try database.searchRoster(RosterQuery(query), limit: 50) }

        var ours: [Double] = []
        var plain: [Double] = []
        for text in keystrokes {
            let query = RosterQuery(text)
            if query.isEmpty { continue }
            var start = DispatchTime.now().uptimeNanoseconds
            _ = try database.searchRoster(query, limit: 50)
            ours.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            start = DispatchTime.now().uptimeNanoseconds
            _ = try database.plainPrefixSearch(query.ftsExpression, limit: 50)
            plain.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        print("roster: \(try database.rosterCount()) people; keystrokes measured: \(ours.count)")
        if ProcessInfo.processInfo.environment["VAXDESK_BENCH_SLOWEST"] != nil {
            let measured = keystrokes.filter { !RosterQuery($0).isEmpty }
            for (index, time) in ours.enumerated().sorted(by: { $0.element > $1.element }).prefix(25) {
                print(String(format: "  %7.3f ms (plain %7.3f)  «%@»", time, plain[index], measured[index]))
            }
        }
        report("searchRoster (VaxDesk)", ours)
        report("plain FTS5 prefix query (baseline)", plain)
    }

    /// Where the time of making a demo roster goes: generating people, folding their names.
    static func roster(_ count: Int) {
        var start = DispatchTime.now().uptimeNanoseconds
        let entries = Array(DemoRoster(count: count))
        let generated = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        start = DispatchTime.now().uptimeNanoseconds
        let folded = entries.reduce(0) { $0 + NameFolding.fold($1.person.fullName).count }
        let folding = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "%d people generated in %.3f s; names folded in %.3f s (%d characters)", count, generated, folding, folded))
    }

    static func report(_ name: String, _ samples: [Double]) {
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        print(String(format: "%@: median %.3f ms, p99 %.3f ms, max %.3f ms", name, percentile(0.5), percentile(0.99), sorted.last ?? 0))
    }
}
