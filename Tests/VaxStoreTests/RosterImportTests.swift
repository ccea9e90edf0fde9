import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

@Suite("Roster import into the site store")
struct RosterImportTests {
    func entry(_ name: String, _ birth: BirthDate, _ sex: Sex = .male, id: String? = nil, phone: String? = nil,
               commune: String? = nil, doses: [PriorDose] = []) -> RosterEntry {
        RosterEntry(person: Person(fullName: name, birthDate: birth, sex: sex, identityNumber: id, phone: phone,
                                   commune: commune), priorDoses: doses)
    }

    let born1985 = BirthDate(year: 1985, month: 3, day: 7)!

    @Test("new people are added; the same list again changes nothing")
    func idempotent() throws {
        let f = try StoreFixture(people: 0)
        let list = [
            entry("Nguyễn Văn Đức", born1985, id: "091085012345",
                  doses: [PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-08-10")]),
            entry("Lê Thị Hoa", BirthDate(year: 1950), .female),
        ]
        let first = try f.database.importRoster(list, by: f.lead, at: f.now)
        #expect(first.imported == 2 && first.updated == 0)
        let second = try f.database.importRoster(list, by: f.lead, at: f.now)
        #expect(second.imported == 0 && second.updated == 0 && second.unchanged == 2)
        #expect(try f.database.rosterCount() == 2)
        let duc = try #require(try f.database.searchRoster(RosterQuery("duc")).first)
        #expect(try f.database.doseHistory(personID: duc.person.id).count == 1)
    }

    @Test("matched by identity number, the record is completed, never emptied")
    func completeByIdentity() throws {
        let f = try StoreFixture(people: 0)
        _ = try f.database.importRoster([entry("Nguyễn Văn Đức", born1985, id: "091085012345", phone: "0912345678")], by: f.lead, at: f.now)
        let summary = try f.database.importRoster([entry("Nguyễn Văn Đức", born1985, id: "091085012345", commune: "P. An Hòa")], by: f.lead, at: f.now)
        #expect(summary.updated == 1 && summary.imported == 0)
        let person = try #require(try f.database.searchRoster(RosterQuery("091085012345")).first?.person)
        #expect(person.phone == "0912345678", "a value the file lacks is kept")
        #expect(person.commune == "P. An Hòa")
    }

    @Test("without an identity number: the same folded name and birth date is the same person")
    func matchByNameAndBirth() throws {
        let f = try StoreFixture(people: 0)
        _ = try f.database.importRoster([entry("Nguyễn Văn Đức", born1985)], by: f.lead, at: f.now)
        let summary = try f.database.importRoster(
            [entry("Nguyễn  Văn Đức".decomposedStringWithCanonicalMapping, born1985, id: "091085012345")], by: f.lead, at: f.now)
        #expect(summary.updated == 1)
        #expect(try f.database.rosterCount() == 1)
    }

    @Test("a contradicting phone or another birth date makes a different person")
    func noFalseMatch() throws {
        let f = try StoreFixture(people: 0)
        _ = try f.database.importRoster([entry("Nguyễn Văn Đức", born1985, phone: "0912345678")], by: f.lead, at: f.now)
        let summary = try f.database.importRoster([
            entry("Nguyễn Văn Đức", born1985, phone: "0987654321"),
            entry("Nguyễn Văn Đức", BirthDate(year: 1986, month: 3, day: 7)!),
        ], by: f.lead, at: f.now)
        #expect(summary.imported == 2)
        #expect(try f.database.rosterCount() == 3)
    }

    @Test("a person named twice in one file is one person, counted as a duplicate")
    func duplicatesInFile() throws {
        let f = try StoreFixture(people: 0)
        let summary = try f.database.importRoster([
            entry("Nguyễn Văn Đức", born1985, id: "091085012345"),
            entry("Nguyễn Văn Đức", born1985, id: "091085012345", phone: "0912345678"),
        ], by: f.lead, at: f.now)
        #expect(summary.imported == 1 && summary.duplicates == 1)
        #expect(try f.database.rosterCount() == 1)
    }

    @Test("into an empty roster (indexes built at the end) rows match earlier rows exactly as they would match the roster")
    func bulkMatchesLikeIncremental() throws {
        let list = [
            entry("Trần Văn Bình", born1985),
            entry("Tran Van Binh", born1985, id: "091085000111"),  // the same person, now with a number
            entry("Trần Văn Bình", BirthDate(year: 1990), id: "091085000111"),  // found by that number
            entry("Lê Thị Hoa", BirthDate(year: 1950), .female, phone: "0912000001"),
            entry("Lê Thị Hoa", BirthDate(year: 1950), .female, phone: "0912000002"),  // another Hoa
            entry("Lê Thị Hoa", BirthDate(year: 1950), .female),  // which one? neither: a new person
        ]
        let bulk = try StoreFixture(people: 0)
        let bulkSummary = try bulk.database.importRoster(list, by: bulk.lead, at: bulk.now)
        // The same rows one at a time into a roster that is never empty: the incremental path.
        let incremental = try StoreFixture(people: 1)
        var summaries = RosterImportSummary()
        for row in list {
            let one = try incremental.database.importRoster([row], by: incremental.lead, at: incremental.now)
            summaries.imported += one.imported
            summaries.updated += one.updated + one.duplicates
        }
        #expect(bulkSummary.imported == 4 && bulkSummary.imported == summaries.imported)
        #expect(bulkSummary.updated + bulkSummary.duplicates == summaries.updated)
        #expect(try bulk.database.rosterCount() == 4)
        // The look-up and search indexes are back: an identity number and a name are found.
        #expect(try bulk.database.searchRoster(RosterQuery("091085000111")).map(\.person.fullName) == ["Trần Văn Bình"])
        #expect(try bulk.database.searchRoster(RosterQuery("hoa 1950")).count == 3)
        #expect(try bulk.database.possibleDuplicates(of: list[1].person).count == 1)
    }

    @Test("`vaxdesk import roster` on a new path: imports, reports refused rows, and a second run changes nothing")
    func command() throws {
        let directory = TemporaryDirectory("import")
        let csv = directory.file("roster.csv")
        let text = "\u{FEFF}STT;Ho va ten;Ngay sinh;Gioi tinh;So CCCD/CMND;SDT\r\n"
            + "1;nguyễn  văn đức;07/03/1985;Nam;091085012345;+84 912 345 678\r\n"
            + "2;Lê Thị Hoa;1950;Nữ;;\r\n"
            + "3;Trần Văn B;31/02/1990;Nam;;\r\n"
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let db = directory.file("new/site.db")
        let errors = directory.file("errors.csv")
        let first = try BuiltProgram.run(["import", "roster", csv, "--db", db, "--errors", errors, "--lang", "en"])
        #expect(first.status == 0)
        #expect(first.output.contains("Read 3 rows: 2 new, 0 updated, 0 unchanged, 0 duplicates, 1 refused."))
        let report = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(report.contains("4,Ngay sinh,31/02/1990,Ngày sinh không đọc được"))
        let second = try BuiltProgram.run(["import", "roster", csv, "--db", db, "--errors", errors, "--lang", "en"])
        #expect(second.output.contains("0 new, 0 updated, 2 unchanged"))
        #expect(try AppDatabase(path: db).rosterCount() == 2)

        // The same roster, searched from a script: by name without diacritics, and by a scanned card.
        let byName = try BuiltProgram.run(["search", "--db", db, "--json", "duc", "nguyen"])
        let people = try JSONSerialization.jsonObject(with: Data(byName.output.utf8)) as? [[String: Any]]
        #expect(people?.count == 1)
        #expect(people?.first?["fullName"] as? String == "Nguyễn Văn Đức")
        #expect(people?.first?["phone"] as? String == "0912345678")
        let byCard = try BuiltProgram.run(["search", "--db", db, "091085012345||Nguyễn Văn Đức|07031985|Nam|Rạch Giá|15042021"])
        #expect(byCard.output.hasPrefix("Nguyễn Văn Đức\t07/03/1985\tM\t•••2345"))
    }

    @Test("a file that is not UTF-8 is refused with a message that says what to do")
    func notUTF8() throws {
        let directory = TemporaryDirectory("import-tcvn")
        let csv = directory.file("roster.csv")
        try Data([0x48, 0xE4, 0x20, 0xA7, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: csv))
        let result = try BuiltProgram.run(["import", "roster", csv, "--db", directory.file("site.db"), "--lang", "en"])
        #expect(result.status != 0)
    }
}
