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
    /// file holds, from the writing thread. The file is streamed: memory does not grow with it.
    /// The database is opened only once the file is read: a mistyped path creates no database.
    /// `open` gives the database and who imports (nil: nobody signed in, for a database with no staff).
    static func run(
        path: String, messages: CommandMessages, resources: LoadedResources,
        open: () throws -> (AppDatabase, by: UUID?), at date: Date,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> Outcome {
        let file: ListFile
        do {
            file = try ListFile(path: path)
        } catch ListFile.Failure.empty {
            throw messages.failure("importEmpty", ["file": path])
        } catch ListFile.Failure.notUTF8 {
            throw messages.failure("importNotUTF8", ["file": path])
        } catch {
            throw messages.failure("importNoFile", ["file": path])
        }
        let (database, staffID) = try open()
        // Lines, less the header: the row count, unless quoted fields hold line breaks.
        let total = max(1, try file.lineEnds() - 1)
        do {
            return try run(file, resources: resources, database: database, by: staffID, at: date) {
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
        _ file: ListFile, resources: LoadedResources, database: AppDatabase, by staffID: UUID?, at date: Date,
        progress: ((Int) -> Void)? = nil
    ) throws -> Outcome {
        var header: [String]?
        try file.records { record in
            header = record.fields.map(\.trimmed)
            return false
        }
        guard let header else { throw Failure.empty }
        let parser = RosterRowParser(
            header: header, provinces: resources.provinces, catalog: resources.catalog,
            currentYear: Int(LocalDay.of(date).prefix(4)) ?? 2026)
        guard parser.missingRequiredColumns.isEmpty else { throw Failure.missingColumns(parser.missingRequiredColumns) }

        let (entries, read) = Pipe<RosterEntry>.produce { send -> (RosterErrorReport, lines: Result<Int, Error>) in
            var report = RosterErrorReport()
            var batch: [RosterEntry] = []
            var isHeader = true
            var open = true
            let lines = Result { try file.records { record in
                if isHeader {
                    isHeader = false
                    return true
                }
                if let problem = record.problem {
                    report.add(line: record.line, [RosterProblem(problem, record: record, header: header)])
                    return true
                }
                switch parser.parse(record.fields) {
                case .accepted(var entry):
                    entry.line = record.line
                    batch.append(entry)
                    if batch.count == chunk {
                        open = send(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                case .rejected(let problems):
                    report.add(line: record.line, problems)
                }
                return open
            } }
            _ = send(batch)
            return (report, lines)
        }
        var summary: RosterImportSummary
        do {
            summary = try database.importRoster(entries, by: staffID, at: date, progress: progress) {
                _ = try read().lines.get()
            }
        } catch {
            entries.close()
            throw error
        }
        var (report, result) = read()
        let lines = try result.get()
        for row in summary.refusedRows { report.add(line: row.line, row.problems) }
        report.sortByLine()
        summary.rejected = report.rowCount
        summary.physicalLines = lines
        return Outcome(summary: summary, report: report)
    }
}
