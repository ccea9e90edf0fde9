import Foundation
import VaxCore

/// A list file (a roster of a district: up to a million rows) read a megabyte at a time, so that
/// memory does not grow with the file: its first bytes tell whether it is UTF-8 at all and what
/// separates its fields; its records are then streamed through `CSVScanner`.
struct ListFile {
    let path: String
    let delimiter: Character

    enum Failure: Error {
        case unreadable, notUTF8, empty
    }

    static let chunkSize = 1 << 20

    init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure.unreadable }
        defer { try? handle.close() }
        var start = (try? handle.read(upToCount: Self.chunkSize)) ?? Data()
        guard !start.isEmpty else { throw Failure.empty }
        if start.starts(with: CSVTable.byteOrderMark) { start = start.dropFirst(3) }
        // A TCVN3 or VNI export shows in its first rows: a whole file of them is refused before
        // anything is written (a stray bad row later is refused as a row).
        guard Self.isUTF8(start) else { throw Failure.notUTF8 }
        delimiter = CSVTable.guessDelimiter(start)
    }

    /// Valid UTF-8, but for a character cut by the end of the chunk.
    private static func isUTF8(_ bytes: Data) -> Bool {
        (0...3).contains { cut in bytes.count >= cut && String(validating: bytes.dropLast(cut), as: UTF8.self) != nil }
    }

    /// Every record, the header first, as `body` asks (false: stop); returns the file's physical lines.
    @discardableResult
    func records(_ body: (CSVRecord) -> Bool) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure.unreadable }
        defer { try? handle.close() }
        var scanner = CSVScanner(separator: delimiter)
        var first = true
        while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
            let bytes = first && chunk.starts(with: CSVTable.byteOrderMark) ? chunk.dropFirst(3) : chunk
            first = false
            guard scanner.feed(bytes, body) else { return scanner.physicalLines }
        }
        scanner.finish(body)
        return scanner.physicalLines
    }

    /// The line ends in the file, counted fast (for the progress of a long import).
    func lineEnds() throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure.unreadable }
        defer { try? handle.close() }
        var count = 0
        while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
            count += chunk.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        }
        return count
    }
}
