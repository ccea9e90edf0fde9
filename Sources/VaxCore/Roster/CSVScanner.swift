import Foundation

/// One record of a delimited file: its fields, the physical line it starts on, and what stops it
/// from being read, if anything.
public struct CSVRecord: Sendable {
    public var line: Int
    public var fields: [String]
    public var problem: Problem?

    public enum Problem: Hashable, Sendable {
        /// A quote opened on this line ran past `CSVScanner.quotedLineLimit` line breaks or
        /// `fieldByteLimit` bytes (or to the end of the file) without closing: the rows it would have
        /// swallowed are read as rows of their own.
        case unclosedQuote
        /// Field `index` is longer than `CSVScanner.fieldByteLimit` bytes (kept: its start).
        case fieldTooLong(index: Int)
        /// The record's bytes are not UTF-8 (kept: the fields with the bad bytes replaced).
        case notUTF8
    }
}

/// Splits delimited text into records as it comes, in chunks of any size (a file read a megabyte at
/// a time never sits in memory whole): fields quoted with `"` (doubled inside), line breaks inside
/// quotes, CRLF, LF or CR line ends. Works on UTF-8 bytes: every character that matters here (quote,
/// separator, CR, LF) is ASCII, and bytes are ten times faster to walk than characters.
///
/// Nothing is read silently wrong: a quote that does not close within a few lines is an error naming
/// its row, and the rows after it are read again as rows; a field longer than the limit is an error
/// (and is never held whole in memory); the file's physical lines are counted beside the records.
public struct CSVScanner {
    /// The longest field, in bytes (about 700 Vietnamese characters): longer is an error, not data.
    public static let fieldByteLimit = 2_000
    /// The most line breaks a quoted field may hold (an address written on two or three lines).
    public static let quotedLineLimit = 4

    public let separator: UInt8
    /// Physical lines seen so far (a last line without its line end counts once the input ends).
    public private(set) var physicalLines = 0

    private var fields: [String] = []
    private var field: [UInt8] = []
    private var quoted = false
    private var afterQuote = false
    private var previous: UInt8 = 0
    /// The record's line, and its problem.
    private var recordLine = 1
    private var problem: CSVRecord.Problem?
    private var fieldOverflowed = false
    /// Within an open quote: the line breaks it holds, and the raw bytes of the record since its start,
    /// to read again as rows if the quote turns out not to close.
    private var quotedBreaks = 0
    private var raw: [UInt8] = []
    /// Bytes were seen since the last line end: the input's last line, if it ends without one.
    private var lineHasBytes = false

    private static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    public init(separator: Character) {
        self.separator = separator.asciiValue ?? UInt8(ascii: ",")
    }

    /// Feeds the next bytes; `emit` gets each record ended by them and returns false to stop (then
    /// this returns false too).
    @discardableResult
    public mutating func feed(_ bytes: some Sequence<UInt8>, _ emit: (CSVRecord) -> Bool) -> Bool {
        for byte in bytes where !step(byte, emit) { return false }
        return true
    }

    /// The input ended: the last record, if the file does not end with a line end.
    public mutating func finish(_ emit: (CSVRecord) -> Bool) {
        if quoted {
            // Cut inside a quoted field: never the last row truncated, but an error, and what followed
            // the quote's line read as rows.
            guard rescan(emit) else { return }
            finish(emit)
            return
        }
        if lineHasBytes { physicalLines += 1 }
        lineHasBytes = false
        if !field.isEmpty || !fields.isEmpty {
            endField()
            _ = emitRecord(emit)
        }
    }

    private mutating func step(_ byte: UInt8, _ emit: (CSVRecord) -> Bool) -> Bool {
        defer { previous = byte }
        let isLineEnd = byte == Self.cr || byte == Self.lf
        if !isLineEnd { lineHasBytes = true } else if !(byte == Self.lf && previous == Self.cr) { lineHasBytes = false }
        if quoted {
            raw.append(byte)
            if byte == Self.quote {
                quoted = false
                afterQuote = true
                raw = []
            } else {
                if byte == Self.cr || (byte == Self.lf && previous != Self.cr) {
                    quotedBreaks += 1
                    physicalLines += 1
                }
                append(byte)
                if quotedBreaks > Self.quotedLineLimit || field.count >= Self.fieldByteLimit { return rescan(emit) }
            }
            return true
        }
        switch byte {
        case Self.quote:
            if afterQuote {
                append(Self.quote)  // a doubled quote inside a quoted field
                openQuote()
                afterQuote = false
            } else if field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                field.removeAll(keepingCapacity: true)
                openQuote()
            } else {
                append(byte)
            }
        case separator:
            endField()
        case Self.lf where previous == Self.cr:
            break  // the second half of CRLF: the record ended at CR
        case Self.cr, Self.lf:
            physicalLines += 1
            endField()
            let go = emitRecord(emit)
            recordLine = physicalLines + 1
            return go
        default:
            append(byte)
        }
        return true
    }

    /// Only what follows the quote is read again if it never closes.
    private mutating func openQuote() {
        quoted = true
        quotedBreaks = 0
        raw = []
    }

    private mutating func append(_ byte: UInt8) {
        guard field.count < Self.fieldByteLimit else {
            fieldOverflowed = true
            return
        }
        field.append(byte)
    }

    private mutating func endField() {
        if fieldOverflowed, problem == nil { problem = .fieldTooLong(index: fields.count) }
        fieldOverflowed = false
        if let text = String(validating: field, as: UTF8.self) {
            fields.append(text)
        } else {
            fields.append(String(decoding: field, as: UTF8.self))
            if problem == nil { problem = .notUTF8 }
        }
        field.removeAll(keepingCapacity: true)
        afterQuote = false
    }

    private mutating func emitRecord(_ emit: (CSVRecord) -> Bool) -> Bool {
        let record = CSVRecord(line: recordLine, fields: fields, problem: problem)
        fields = []
        problem = nil
        // A blank record (an empty line, or separators alone) is no row at all.
        if record.problem == nil, record.fields.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { return true }
        return emit(record)
    }

    /// The open quote does not close: the record is refused at its line, and the bytes after the
    /// quote's first line end are read again, as the rows they are.
    private mutating func rescan(_ emit: (CSVRecord) -> Bool) -> Bool {
        let pending = raw
        quoted = false
        raw = []
        field.removeAll(keepingCapacity: true)
        fieldOverflowed = false
        fields.append("")
        problem = .unclosedQuote
        // The physical lines the quote held are counted again as they are read again.
        physicalLines -= quotedBreaks
        quotedBreaks = 0
        let start = pending.firstIndex { $0 == Self.cr || $0 == Self.lf }
        if start != nil { physicalLines += 1 }
        guard emitRecord(emit) else { return false }
        recordLine = physicalLines + 1
        guard var index = start else { return true }
        if pending[index] == Self.cr, index + 1 < pending.count, pending[index + 1] == Self.lf { index += 1 }
        previous = pending[index]
        return feed(pending[(index + 1)...], emit)
    }
}
