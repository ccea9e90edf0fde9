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
            entry("Trần Văn Bình", BirthDate(year: 1990), id: "091085000111"),  // that number, another birth year: refused
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
            summaries.rejected += one.rejected
        }
        #expect(bulkSummary.imported == 4 && bulkSummary.imported == summaries.imported)
        #expect(bulkSummary.rejected == 1 && summaries.rejected == 1)
        #expect(bulkSummary.refusedRows.first?.problems.first?.reason == .identityConflictInFile)
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
        #expect(people?.first?["phone"] as? String == "•••678", "without --by, numbers are masked")
        #expect(people?.first?["identityNumber"] as? String == "•••2345")
        #expect(try FileManager.default.attributesOfItem(atPath: errors)[.posixPermissions] as? Int == 0o600,
                "the refused rows hold CCCDs: readable by the site's user only")
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

/// What a district's list must never do to the roster: rename someone, merge two people, or hide rows.
@Suite("Roster import: conflicts and broken files", .serialized)
struct RosterImportConflictTests {
    @Test("a CCCD that names someone else, in the file or on the roster, and an unclosed quote: each row refused by name, nothing renamed, every line counted")
    func conflicts() throws {
        let directory = TemporaryDirectory("import-conflicts")
        let db = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", db, "--people", "60", "--setup-only"]).status == 0)
        // A person of the roster with doses on record (the centre knows them).
        let known = try SQLiteShell.text(db, """
            SELECT p.identity_number || '|' || p.full_name || '|' || p.birth_date || '|' || p.id FROM person p
            WHERE p.identity_number IS NOT NULL AND EXISTS (SELECT 1 FROM prior_dose d WHERE d.person_id = p.id) LIMIT 1
            """).split(separator: "|").map(String.init)
        let (number, name, birth, id) = (known[0], known[1], try #require(BirthDate(stored: known[2])), known[3])
        let outboxBefore = try SQLiteShell.scalar(db, "SELECT COUNT(*) FROM outbox")

        let csv = directory.file("xa-an-hoa.csv")
        var text = "STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại\n"
        text += "1,Phạm Minh Tâm,12/04/1990,Nam,091090004321,\n"              // line 2: a new person
        text += "2,\"Lê Thị Hoa,1950,Nữ,,\n"                                   // line 3: a quote that never closes
        text += "3,Võ Văn Hậu,05/06/1990,Nam,091090004321,\n"                 // line 4: line 2's number, another man
        let sex = try SQLiteShell.text(db, "SELECT CASE sex WHEN 'F' THEN 'Nữ' ELSE 'Nam' END FROM person WHERE id = '\(id)'")
        text += "4,Đỗ Văn Khác,\(birth),\(sex),\(number),\n"                  // line 5: the known person's number, another name
        text += "5,\(name),\(birth),\(sex),\(number),0912000777\n"           // line 6: the known person, a new phone
        for index in 6...40 { text += "\(index),Nguyễn Thị Số \(index),01/01/1970,Nữ,,\n" }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let errors = directory.file("errors.csv")

        let run = try BuiltProgram.runWithErrors(["import", "roster", csv, "--db", db, "--by", "PT01", "--errors", errors, "--lang", "en"],
                                                 input: "2468\n")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("Read 40 rows: 36 new, 1 updated, 0 unchanged, 0 duplicates, 3 refused."), "\(run.output)")
        #expect(run.output.contains("The file has 41 lines (with the header)."))
        let report = try String(contentsOfFile: errors, encoding: .utf8).components(separatedBy: "\r\n")
        #expect(report.filter { $0.hasPrefix("3,") && $0.contains("does not close") }.count == 1, "\(report)")
        #expect(report.contains { $0.hasPrefix("4,CCCD/CMND,091090004321,") && $0.contains("Row 2 of this file has the same CCCD/CMND for Phạm Minh Tâm, born 12/04/1990") })
        #expect(report.contains { $0.hasPrefix("5,CCCD/CMND,\(number),") && $0.contains("on the roster already for \(name), born \(birth)") })

        // Nobody was renamed or merged; the known person's new phone goes to the centre as a Patient.
        #expect(try SQLiteShell.text(db, "SELECT full_name FROM person WHERE identity_number = '\(number)'") == name)
        #expect(try SQLiteShell.text(db, "SELECT full_name FROM person WHERE identity_number = '091090004321'") == "Phạm Minh Tâm")
        #expect(try SQLiteShell.scalar(db, "SELECT COUNT(*) FROM person WHERE full_name IN ('Võ Văn Hậu', 'Đỗ Văn Khác', 'Lê Thị Hoa')") == 0)
        #expect(try SQLiteShell.text(db, "SELECT phone FROM person WHERE id = '\(id)'") == "0912000777")
        #expect(try SQLiteShell.text(db, "SELECT record_type || ' ' || event FROM outbox WHERE record_id = '\(id)' ORDER BY seq DESC LIMIT 1")
                == "person person-updated")
        #expect(try SQLiteShell.scalar(db, "SELECT COUNT(*) FROM outbox") == outboxBefore + 1)
    }

    @Test("bytes that are not UTF-8 late in a file (past what its start showed) refuse that row alone, by its line")
    func badRowLate() throws {
        let directory = TemporaryDirectory("import-late")
        let csv = directory.file("roster.csv")
        var data = Data("STT,Họ và tên,Ngày sinh,Giới tính\n".utf8)
        for index in 1...30_000 { data += Data("\(index),Nguyễn Văn Số \(index),1980,Nam\n".utf8) }
        data += Data("30001,".utf8) + Data([0xC4, 0xFF]) + Data(",1980,Nam\n".utf8)
        try data.write(to: URL(fileURLWithPath: csv))
        let db = directory.file("site.db")
        let errors = directory.file("errors.csv")
        let run = try BuiltProgram.run(["import", "roster", csv, "--db", db, "--errors", errors, "--lang", "en"])
        #expect(run.status == 0)
        #expect(run.output.contains("Read 30001 rows: 30000 new"), "\(run.output)")
        #expect(try String(contentsOfFile: errors, encoding: .utf8).contains("30002,,"))
    }
}
