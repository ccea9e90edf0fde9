import Foundation
import VaxCore
import VaxStore

/// A roster file imported into the site store: read and checked on one thread while the store writes
/// on another, so a million rows take the longer of the two rather than their sum. Shared by
/// `vaxdesk import roster` and the site lead's screen.
enum RosterImportRun {
    enum Failure: Error {
        case empty
        case missingColumns([RosterColumn])
    }

    struct Outcome: Sendable {
        var summary: RosterImportSummary
        var report: RosterErrorReport
    }

    /// Rows are parsed in chunks of this many; the store is at most four chunks behind.
    static let chunk = 5_000

    /// Imports the file at `path`; a file that cannot be read, or lacks a required column, throws a
    /// message in the user's language. `progress` hears the rows written so far and about how many the
    /// file holds, from the writing thread.
    /// The database is opened only once the file is read: a mistyped path creates no database.
    /// `open` gives the database and who imports (nil: nobody signed in, for a database with no staff).
    static func run(
        path: String, messages: CommandMessages, resources: LoadedResources,
        open: () throws -> (AppDatabase, by: UUID?), at date: Date,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> Outcome {
        let text = try RosterFile.text(path, messages: messages)
        let (database, staffID) = try open()
        // Lines, less the header: the row count, unless quoted fields hold line breaks.
        let total = max(1, text.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } - 1)
        do {
            return try run(text: text, resources: resources, database: database, by: staffID, at: date) {
                progress?($0, total)
            }
        } catch Failure.empty {
            throw messages.failure("importEmpty", ["file": path])
        } catch Failure.missingColumns(let missing) {
            throw messages.failure("importMissingColumns", [
                "columns": missing.map { messages.strings["column.\($0)"] }.joined(separator: ", "),
            ])
        }
    }

    /// `progress` hears the rows written so far, from the writing thread.
    static func run(
        text: String, resources: LoadedResources, database: AppDatabase, by staffID: UUID?, at date: Date,
        progress: ((Int) -> Void)? = nil
    ) throws -> Outcome {
        let delimiter = CSVTable.guessDelimiter(text)
        var header: [String]?
        CSVTable.scan(text, delimiter: delimiter) { _, fields in
            header = fields.map(\.trimmed)
            return false
        }
        guard let header else { throw Failure.empty }
        let parser = RosterRowParser(
            header: header, provinces: resources.provinces, catalog: resources.catalog,
            currentYear: Int(LocalDay.of(date).prefix(4)) ?? 2026)
        guard parser.missingRequiredColumns.isEmpty else { throw Failure.missingColumns(parser.missingRequiredColumns) }

        let (entries, report) = Pipe<RosterEntry>.produce { send -> RosterErrorReport in
            var report = RosterErrorReport()
            var batch: [RosterEntry] = []
            var isHeader = true
            var open = true
            CSVTable.scan(text, delimiter: delimiter) { line, fields in
                if isHeader {
                    isHeader = false
                    return true
                }
                switch parser.parse(fields) {
                case .accepted(let entry):
                    batch.append(entry)
                    if batch.count == chunk {
                        open = send(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                case .rejected(let problems):
                    report.add(line: line, problems)
                }
                return open
            }
            _ = send(batch)
            return report
        }
        var summary: RosterImportSummary
        do {
            summary = try database.importRoster(entries, by: staffID, at: date, progress: progress)
        } catch {
            entries.close()
            throw error
        }
        let rejected = report()
        summary.rejected = rejected.rowCount
        return Outcome(summary: summary, report: rejected)
    }
}
