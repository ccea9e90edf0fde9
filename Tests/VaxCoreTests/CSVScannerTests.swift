import Foundation
import Testing
import VaxCore

/// The scanner never reads a file silently wrong: a quote that does not close names its row and
/// swallows nothing, a huge field is an error (and is not held whole), lines are counted.
@Suite("Roster files: the scanner's limits")
struct CSVScannerTests {
    /// Every record of `text`, fed in pieces of `piece` bytes (0: all at once).
    static func records(_ text: String, piece: Int = 0, separator: Character = ",") -> (records: [CSVRecord], lines: Int) {
        var scanner = CSVScanner(separator: separator)
        var records: [CSVRecord] = []
        let bytes = Array(text.utf8)
        let size = piece == 0 ? max(1, bytes.count) : piece
        for start in stride(from: 0, to: bytes.count, by: size) {
            scanner.feed(bytes[start ..< min(bytes.count, start + size)]) { records.append($0); return true }
        }
        scanner.finish { records.append($0); return true }
        return (records, scanner.physicalLines)
    }

    static func list(rows: Int, row3: String? = nil) -> String {
        var text = "STT,Họ và tên,Ngày sinh,Giới tính\n"
        for index in 1...rows {
            text += index == 3 && row3 != nil ? row3! + "\n" : "\(index),Nguyễn Văn Số \(index),1980,Nam\n"
        }
        return text
    }

    @Test("an unclosed quote on row 3 of 20,000: that row refused by its line, the 19,999 others read, every line counted")
    func unclosedQuote() {
        let (records, lines) = Self.records(Self.list(rows: 20_000, row3: "3,\"Lê Thị Hoa,1950,Nữ"), piece: 65_536)
        let refused = records.filter { $0.problem != nil }
        #expect(refused.map(\.line) == [4])
        #expect(refused.first?.problem == .unclosedQuote)
        #expect(records.count == 20_001, "header, 19,999 rows and the refused one")
        #expect(records.last?.line == 20_001 && records.last?.fields[1] == "Nguyễn Văn Số 20000")
        #expect(lines == 20_001)
    }

    @Test("a file cut inside a quoted field: the last row is an error, never read truncated")
    func cutInQuote() {
        let (records, lines) = Self.records("STT,Họ và tên,Địa chỉ\n1,An,\"Số 5, đường Trần")
        #expect(records.count == 2)
        #expect(records[1].problem == .unclosedQuote && records[1].line == 2)
        #expect(lines == 2)
    }

    @Test("a quoted address on two lines is still one field; a doubled quote is a quote")
    func quotedLineBreaks() {
        let (records, lines) = Self.records("a,b\r\n1,\"Số 5,\r\nđường \"\"Lê Lợi\"\"\"\r\n2,x\r\n")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "Số 5,\r\nđường \"Lê Lợi\""], ["2", "x"]])
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records.allSatisfy { $0.problem == nil })
        #expect(lines == 4)
    }

    @Test("a name of 50,000,000 characters is an error for its column, kept to the limit, and the next row reads")
    func hugeField() {
        var scanner = CSVScanner(separator: ",")
        var records: [CSVRecord] = []
        scanner.feed(Array("STT,Họ và tên\n1,".utf8)) { records.append($0); return true }
        let block = [UInt8](repeating: UInt8(ascii: "A"), count: 1 << 20)
        for _ in 0 ..< 48 { scanner.feed(block) { records.append($0); return true } }
        scanner.feed(Array("\n2,Bình\n".utf8)) { records.append($0); return true }
        scanner.finish { records.append($0); return true }
        #expect(records.count == 3)
        #expect(records[1].problem == .fieldTooLong(index: 1))
        #expect(records[1].fields[1].utf8.count == CSVScanner.fieldByteLimit)
        #expect(records[2].fields == ["2", "Bình"] && records[2].problem == nil)
    }

    @Test("bytes that are not UTF-8 in one row: that row refused, the rest read")
    func badBytesInRow() {
        var scanner = CSVScanner(separator: ",")
        var records: [CSVRecord] = []
        scanner.feed(Array("a,b\n1,".utf8) + [0xE4, 0xFF] + Array("\n2,ok\n".utf8)) { records.append($0); return true }
        scanner.finish { records.append($0); return true }
        #expect(records.map(\.problem) == [nil, .notUTF8, nil])
    }

    @Test("CRLF, LF, CR and a last line without its end are counted alike", arguments: [
        ("a\r\nb\r\nc\r\n", 3), ("a\nb\nc", 3), ("a\rb\rc\r", 3), ("a\n\n\nb\n", 4),
    ])
    func lineCounts(text: String, lines: Int) {
        let (records, counted) = Self.records(text)
        #expect(counted == lines)
        #expect(records.map { $0.fields[0] } == ["a", "b", "c"].filter { text.contains($0) })
    }

    @Test("fed in pieces of any size, a file gives the same records as fed whole")
    func pieces() {
        let text = "STT;Họ và tên;Địa chỉ\r\n1;\"Lê, Thị \"\"Bé\"\"\";\"Số 5\nđường A\"\r\n2;Đức;\"x\r\n3;Hoa;B\n"
        let whole = Self.records(text, separator: ";")
        for piece in 1...12 {
            let split = Self.records(text, piece: piece, separator: ";")
            #expect(split.records.map(\.fields) == whole.records.map(\.fields), "pieces of \(piece)")
            #expect(split.records.map(\.line) == whole.records.map(\.line))
            #expect(split.records.map(\.problem) == whole.records.map(\.problem))
            #expect(split.lines == whole.lines)
        }
        #expect(whole.records.map(\.problem) == [nil, nil, .unclosedQuote, nil])
        #expect(whole.records.map(\.line) == [1, 2, 4, 5])
    }
}
