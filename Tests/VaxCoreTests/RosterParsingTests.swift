import Foundation
import Testing
import VaxCore

@Suite("Roster files: CSV")
struct CSVTableTests {
    @Test("separators, BOM, quotes, CRLF and line breaks inside quotes", arguments: [
        "STT,Họ và tên,Ngày sinh\r\n1,\"Nguyễn Văn A\",01/02/1980\r\n2,\"Lê, Thị \"\"Bé\"\"\",1975\r\n",
        "STT;Họ và tên;Ngày sinh\n1;Nguyễn Văn A;01/02/1980\n2;\"Lê, Thị \"\"Bé\"\"\";1975\n",
        "STT\tHọ và tên\tNgày sinh\n1\tNguyễn Văn A\t01/02/1980\n2\t\"Lê, Thị \"\"Bé\"\"\"\t1975",
    ])
    func shapes(text: String) throws {
        let table = try CSVTable(data: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8))
        #expect(table.header == ["STT", "Họ và tên", "Ngày sinh"])
        #expect(table.rows.map(\.fields) == [["1", "Nguyễn Văn A", "01/02/1980"], ["2", "Lê, Thị \"Bé\"", "1975"]])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test("a quoted line break keeps line numbers right; blank lines are skipped")
    func lineNumbers() throws {
        let table = try CSVTable(text: "a,b\n1,\"two\nlines\"\n\n3,x\n")
        #expect(table.rows.map(\.line) == [2, 5])
        #expect(table.rows[0].fields == ["1", "two\nlines"])
    }

    @Test("not UTF-8 (a TCVN3 export) and empty files are refused")
    func refused() {
        #expect(throws: CSVTable.Failure.notUTF8) { try CSVTable(data: Data([0x48, 0xE4, 0xFF, 0x0A])) }
        #expect(throws: CSVTable.Failure.empty) { try CSVTable(text: "\n ,\n") }
    }
}

@Suite("Roster files: columns and rows")
struct RosterRowTests {
    let header = ["STT", "Ho va ten", "Ngày sinh", "Giới tính", "Số CCCD/CMND", "SĐT", "Xã/Phường",
                  "Vắc xin mũi 1", "Ngày tiêm mũi 1", "Ghi chú"]

    func parser(_ header: [String]? = nil) -> RosterRowParser {
        RosterRowParser(header: header ?? self.header, provinces: Fixtures.provinces, catalog: Fixtures.catalog,
                        currentYear: 2026)
    }

    @Test("headers with or without diacritics, in Vietnamese or English")
    func headers() {
        #expect(RosterColumn(header: "Họ và tên") == .fullName)
        #expect(RosterColumn(header: "HO VA TEN") == .fullName)
        #expect(RosterColumn(header: "Full name") == .fullName)
        #expect(RosterColumn(header: "Số CCCD / CMND") == .identityNumber)
        #expect(RosterColumn(header: "Ngày tiêm mũi 2") == .doseDate(2))
        #expect(RosterColumn(header: "Loại vắc xin mũi 3") == .doseProduct(3))
        #expect(RosterColumn(header: "Dose 1 date") == .doseDate(1))
        #expect(RosterColumn(header: "Ghi chú") == nil)
        #expect(parser().missingRequiredColumns.isEmpty)
        #expect(parser(["STT", "Họ và tên"]).missingRequiredColumns == [.birthDate, .sex])
    }

    @Test("a good row: names, phones, IDs and dates normalised; NFD text accepted")
    func goodRow() throws {
        let fields = ["1", "  nguyễn   văn  đức ".decomposedStringWithCanonicalMapping, "7/3/1985", "Nam",
                      "091 085 012 345", "+84 912 345 678", "P. Vĩnh Lạc", "Covishield", "10/08/2021", "x"]
        guard case .accepted(let entry) = parser().parse(fields) else { Issue.record("rejected"); return }
        #expect(entry.person.fullName == "Nguyễn Văn Đức")
        #expect(entry.person.fullName.unicodeScalars.count == "Nguyễn Văn Đức".unicodeScalars.count)
        #expect(entry.person.birthDate == BirthDate(year: 1985, month: 3, day: 7))
        #expect(entry.person.identityNumber == "091085012345")
        #expect(entry.person.phone == "0912345678")
        #expect(entry.priorDoses == [PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-08-10")])
    }

    @Test("dates in every form lists use", arguments: [
        ("07/03/1985", "1985-03-07"), ("7/3/1985", "1985-03-07"), ("1985-03-07", "1985-03-07"),
        ("07-03-1985", "1985-03-07"), ("07.03.1985", "1985-03-07"), ("1938", "1938"),
    ])
    func dates(text: String, stored: String) {
        #expect(RosterDate.parse(text)?.stored == stored)
    }

    @Test("unreadable dates", arguments: ["31/02/1985", "1985/13/01", "85", "07/03/85", "hôm qua", ""])
    func badDates(text: String) {
        #expect(RosterDate.parse(text) == nil)
    }

    @Test("each fault is named with its column", arguments: [
        (["1", "", "1985", "Nam", "", "", "", "", "", ""], "Ho va ten", RosterProblem.Reason.missingName),
        (["1", "A", "31/02/1985", "Nam", "", "", "", "", "", ""], "Ngày sinh", .badBirthDate),
        (["1", "A", "2031", "Nam", "", "", "", "", "", ""], "Ngày sinh", .implausibleBirthDate),
        (["1", "A", "1985", "X", "", "", "", "", "", ""], "Giới tính", .badSex),
        (["1", "A", "1985", "", "", "", "", "", "", ""], "Giới tính", .missingSex),
        (["1", "A", "1985", "Nữ", "091085012345", "", "", "", "", ""], "Số CCCD/CMND", .identitySexMismatch),
        (["1", "A", "1985", "Nam", "091086012345", "", "", "", "", ""], "Số CCCD/CMND", .identityYearMismatch),
        (["1", "A", "1985", "Nam", "091285012345", "", "", "", "", ""], "Số CCCD/CMND", .identityCenturyMismatch),
        (["1", "A", "1985", "Nam", "12345", "", "", "", "", ""], "Số CCCD/CMND", .badIdentityNumber),
        (["1", "A", "1985", "Nam", "", "0212345678", "", "", "", ""], "SĐT", .badPhone),
        (["1", "A", "1985", "Nam", "", "", "", "Sinovac", "01/08/2021", ""], "Vắc xin mũi 1", .unknownProduct),
        (["1", "A", "1985", "Nam", "", "", "", "Pfizer", "", ""], "Vắc xin mũi 1", .doseWithoutDate),
        (["1", "A", "1985", "Nam", "", "", "", "", "01/08/2021", ""], "Ngày tiêm mũi 1", .doseWithoutProduct),
        (["1", "A", "1985", "Nam", "", "", "", "Pfizer", "2021", ""], "Ngày tiêm mũi 1", .badDoseDate),
    ])
    func faults(fields: [String], column: String, reason: RosterProblem.Reason) {
        guard case .rejected(let problems) = parser().parse(fields) else { Issue.record("accepted"); return }
        #expect(problems.map(\.reason) == [reason])
        #expect(problems.first?.column == column)
    }

    @Test("a short row is read with its missing cells empty")
    func shortRow() {
        guard case .accepted(let entry) = parser().parse(["1", "Lê Văn Tám", "1950", "nam"]) else {
            Issue.record("rejected")
            return
        }
        #expect(entry.person.birthDate == BirthDate(year: 1950))
        #expect(entry.person.identityNumber == nil)
    }

    @Test("random bytes and mutated rows never crash the reader")
    func fuzz() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("\",;\t\r\n aĐđệ0123456789/-.Nam Nữ") + ["\r\n"]
        for _ in 0..<300 {
            let length = Int.random(in: 0..<200, using: &rng)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &rng)! })
            if let table = try? CSVTable(text: text) {
                let parser = RosterRowParser(header: table.header, provinces: Fixtures.provinces,
                                             catalog: Fixtures.catalog, currentYear: 2026)
                for row in table.rows { _ = parser.parse(row.fields) }
            }
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) })
            _ = try? CSVTable(data: bytes)
            var fields = ["1", "Nguyễn Văn A", "01/02/1980", "Nam", "091080012345", "0912345678", "", "AZ", "01/08/2021", ""]
            let position = Int.random(in: 0..<fields.count, using: &rng)
            fields[position] = String((0..<Int.random(in: 0..<20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            _ = parser().parse(fields)
            // The same values typed into the walk-in and paper-dose forms, and the phone and number readers.
            let typed = String((0..<Int.random(in: 0..<30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let field = PersonForm.Field.allCases.randomElement(using: &rng)!
            var form = PersonForm(values: [.fullName: "Lê Văn Tám", .birthDate: "1950", .sex: "Nam"])
            form.values[field] = typed
            _ = form.validate(provinces: Fixtures.provinces, catalog: Fixtures.catalog, currentYear: 2026)
            _ = PaperDoseForm(values: [.doseNumber: typed, .product: typed, .date: typed])
                .validate(catalog: Fixtures.catalog, today: "2026-11-26")
            _ = PhoneNumber.normalize(typed)
            _ = IdentityNumber.normalize(typed)
            _ = RosterDate.parse(typed)
            _ = CitizenCardQR(scanned: typed + "|" + typed)
        }
    }
}
