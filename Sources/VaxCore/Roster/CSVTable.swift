import Foundation

/// A delimited text file held whole (the small lists: paper doses, staff), as real lists come: UTF-8
/// with or without a BOM, separated by commas, semicolons or tabs (whichever the header uses most),
/// read by `CSVScanner`. A roster of a million rows is streamed through the scanner instead.
public struct CSVTable: Sendable {
    public enum Failure: Error, Equatable {
        /// The bytes are not UTF-8 (a TCVN3 or VNI export, or a binary file).
        case notUTF8
        case empty
    }

    public let header: [String]
    /// The data rows with their line number in the file (the header is line 1).
    public let rows: [(line: Int, fields: [String])]
    /// The records that could not be read as rows (an unclosed quote, a field too long).
    public let unreadable: [CSVRecord]
    public let delimiter: Character
    /// The file's physical lines, header included.
    public let physicalLines: Int

    public init(data: Data) throws {
        try self.init(text: Self.text(of: data))
    }

    public init(text: String) throws {
        var header: [String]?
        var rows: [(line: Int, fields: [String])] = []
        var unreadable: [CSVRecord] = []
        let delimiter = Self.guessDelimiter(text.utf8)
        var scanner = CSVScanner(separator: delimiter)
        func take(_ record: CSVRecord) -> Bool {
            if record.problem != nil {
                unreadable.append(record)
            } else if header == nil {
                header = record.fields.map(\.trimmed)
            } else {
                rows.append((record.line, record.fields))
            }
            return true
        }
        scanner.feed(text.utf8, take)
        scanner.finish(take)
        guard let header else { throw Failure.empty }
        self.delimiter = delimiter
        self.header = header
        self.rows = rows
        self.unreadable = unreadable
        physicalLines = scanner.physicalLines
    }

    /// The file's text without its BOM; refuses bytes that are not UTF-8.
    public static func text(of data: Data) throws -> String {
        var bytes = data
        if bytes.starts(with: Self.byteOrderMark) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else { throw Failure.notUTF8 }
        return text
    }

    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The separator that appears most often, outside quotes, on the first line (commas win a tie).
    public static func guessDelimiter(_ bytes: some Sequence<UInt8>) -> Character {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")) { break }
            if !quoted, counts[byte] != nil { counts[byte]! += 1 }
        }
        let comma = UInt8(ascii: ",")
        let best = counts.max { ($0.value, $0.key == comma ? 1 : 0) < ($1.value, $1.key == comma ? 1 : 0) }!.key
        return Character(UnicodeScalar(best))
    }
}

extension CSVTable {
    /// The unreadable records as problems of the error report, by line.
    public var unreadableProblems: [(line: Int, problem: RosterProblem)] {
        unreadable.compactMap { record in
            record.problem.map { (record.line, RosterProblem($0, record: record, header: header)) }
        }
    }
}
