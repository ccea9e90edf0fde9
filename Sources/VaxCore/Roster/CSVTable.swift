import Foundation

/// A delimited text file as real lists come: UTF-8 with or without a BOM, separated by commas,
/// semicolons or tabs (whichever the header uses most), fields quoted with `"` (doubled inside),
/// line breaks inside quotes, and CRLF, LF or CR line ends.
public struct CSVTable: Sendable {
    public enum Failure: Error, Equatable {
        /// The bytes are not UTF-8 (a TCVN3 or VNI export, or a binary file).
        case notUTF8
        case empty
    }

    public let header: [String]
    /// The data rows with their line number in the file (the header is line 1).
    public let rows: [(line: Int, fields: [String])]
    public let delimiter: Character

    public init(data: Data) throws {
        try self.init(text: Self.text(of: data))
    }

    public init(text: String) throws {
        var header: [String]?
        var rows: [(line: Int, fields: [String])] = []
        let delimiter = Self.guessDelimiter(text)
        Self.scan(text, delimiter: delimiter) { line, fields in
            if header == nil { header = fields.map(\.trimmed) } else { rows.append((line, fields)) }
            return true
        }
        guard let header else { throw Failure.empty }
        self.delimiter = delimiter
        self.header = header
        self.rows = rows
    }

    /// The file's text without its BOM; refuses bytes that are not UTF-8.
    public static func text(of data: Data) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else { throw Failure.notUTF8 }
        return text
    }

    /// Reads the records of `text` one at a time, without holding them all: the header first, then the
    /// data rows with their line numbers. Blank records are skipped. `body` returns false to stop.
    public static func scan(_ text: String, delimiter: Character? = nil, _ body: (Int, [String]) -> Bool) {
        records(text, delimiter: delimiter ?? guessDelimiter(text)) { line, fields in
            fields.allSatisfy { $0.trimmed.isEmpty } ? true : body(line, fields)
        }
    }

    /// The separator that appears most often, outside quotes, on the first line.
    public static func guessDelimiter(_ text: String) -> Character {
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if !quoted && (character == "\n" || character == "\r" || character == "\r\n") { break }
            if !quoted, counts[character] != nil { counts[character]! += 1 }
        }
        return counts.max { ($0.value, $0.key == "," ? 1 : 0) < ($1.value, $1.key == "," ? 1 : 0) }!.key
    }

    /// Splits text into records of fields, honouring quotes. Works on UTF-8 bytes: every character
    /// that matters here (quote, separator, CR, LF) is ASCII, and bytes are ten times faster to walk
    /// than characters on a million-row list.
    static func records(_ text: String, delimiter: Character, _ body: (Int, [String]) -> Bool) {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let separator = delimiter.asciiValue ?? UInt8(ascii: ",")
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        var previous: UInt8 = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        for byte in text.utf8 {
            defer { previous = byte }
            if quoted {
                if byte == quote {
                    quoted = false
                    afterQuote = true
                } else {
                    if byte == lf || (byte == cr) { if !(byte == lf && previous == cr) { line += 1 } }
                    field.append(byte)
                }
            } else if byte == quote {
                if afterQuote {
                    field.append(quote)  // a doubled quote inside a quoted field
                    quoted = true
                    afterQuote = false
                } else if field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    field.removeAll(keepingCapacity: true)
                    quoted = true
                } else {
                    field.append(byte)
                }
            } else if byte == separator {
                endField()
            } else if byte == lf && previous == cr {
                continue  // the second half of CRLF: the record already ended at CR
            } else if byte == cr || byte == lf {
                endField()
                if !body(recordLine, fields) { return }
                fields = []
                line += 1
                recordLine = line
            } else {
                field.append(byte)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            _ = body(recordLine, fields)
        }
    }
}
