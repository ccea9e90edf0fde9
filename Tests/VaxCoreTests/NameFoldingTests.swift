import Testing
import VaxCore

@Suite("Name folding for search")
struct NameFoldingTests {
    @Test("folds diacritics, đ and case", arguments: [
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("ĐẶNG THỊ THU HÀ", "dang thi thu ha"),
        ("Trần  Thị   Bích\tNgọc ", "tran thi bich ngoc"),
        ("Lê Hoàng Phương", "le hoang phuong"),
        ("Huỳnh Quốc Việt", "huynh quoc viet"),
        ("", ""),
    ])
    func folds(input: String, expected: String) {
        #expect(NameFolding.fold(input) == expected)
    }

    @Test("NFC and NFD input fold alike")
    func decomposedInput() {
        let nfc = "Nguyễn Thị Ngọc Diễm"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfc.unicodeScalars.count != nfd.unicodeScalars.count)
        #expect(NameFolding.fold(nfd) == NameFolding.fold(nfc))
        #expect(NameFolding.fold(nfd) == "nguyen thi ngoc diem")
    }

    @Test("white space is collapsed to single spaces", arguments: [
        ("", ""), ("a b", "a b"), (" a", "a"), ("a ", "a"), ("a  b", "a b"), ("a\tb", "a b"),
        ("a\u{00A0}b", "a b"), ("  Lê   Văn\r\nTám ", "Lê Văn Tám"), (" ", ""),
    ])
    func collapse(input: String, expected: String) {
        #expect(NameFolding.collapseSpaces(input) == expected)
    }

    @Test("names are stored in NFC with single spaces and capitalised words")
    func normalizeName() {
        #expect(NameFolding.normalizeName("  nguyễn   văn AN ") == "Nguyễn Văn An")
        #expect(NameFolding.normalizeName("đỗ thị hằng".decomposedStringWithCanonicalMapping) == "Đỗ Thị Hằng")
    }
}

@Suite("Roster queries")
struct RosterQueryTests {
    @Test("words are folded prefixes; digits match the end of a number; a year with a name filters")
    func parse() {
        let query = RosterQuery("Đức  ng 1234")
        #expect(query.nameWords == ["duc", "ng"])
        #expect(query.digitRuns == ["1234"])
        #expect(query.ftsExpression == "folded_name : \"duc\"* AND folded_name : \"ng\"* AND search_digits : \"4321\"*")
        #expect(RosterQuery("duc 1985").birthYear == 1985)
        #expect(RosterQuery("duc 1985").digitRuns.isEmpty)
        #expect(RosterQuery("1985").digitRuns == ["1985"], "alone, four digits are the end of a number")
        #expect(RosterQuery("12 3").isEmpty, "fewer than four digits find nobody")
    }

    @Test("a two-digit year with a name is the birth year; a few digits alone ask for more", arguments: [
        ("hung 51", 1951), ("hung 05", 2005), ("hung 26", 2026), ("hung 27", 1927),
    ])
    func twoDigitYear(text: String, year: Int) {
        #expect(RosterQuery(text, currentYear: 2026).birthYear == year)
    }

    @Test("digits too few to search by, with no name, are told as such")
    func tooFewDigits() {
        #expect(RosterQuery("123").tooFewDigits)
        #expect(RosterQuery("12 3").tooFewDigits)
        #expect(!RosterQuery("1234").tooFewDigits)
        #expect(!RosterQuery("hung 123").tooFewDigits, "with a name, the name is searched")
        #expect(!RosterQuery("").tooFewDigits)
    }

    @Test("punctuation cannot break the FTS expression")
    func hostileInput() {
        let query = RosterQuery("\"duc* OR (x) -- '")
        #expect(query.nameWords == ["duc", "or", "x"])
        #expect(!query.ftsExpression.contains("("))
    }

    @Test("empty and blank input is an empty query")
    func empty() {
        #expect(RosterQuery("   ").isEmpty)
        #expect(RosterQuery("123").isEmpty)
    }
}
