import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

@Suite("Correcting a person's record")
struct PersonCorrectionTests {
    static func correct(_ f: StoreFixture, _ person: Person, _ changes: [PersonForm.Field: String], reason: String = "theo CCCD",
                        by role: Role = .checkInNurse) throws -> Person {
        try f.database.correctPerson(person.id, PersonCorrection(changes: changes, reason: reason),
                                     provinces: StoreFixture.provinces, catalog: StoreFixture.catalog, by: f.staff(role).id, at: f.now)
    }

    @Test("a wrong name and birth date are corrected: the old values kept, audited, the Patient queued, found by the new name")
    func corrected() throws {
        let f = try StoreFixture(people: 0)
        let path = f.directory.file("site.db")
        let person = try f.person(named: "Nguyen Van Duc", born: BirthDate(year: 1958, month: 3, day: 7)!, id: "091058012345")
        let outboxBefore = try f.database.pendingOutboxCount()
        let corrected = try Self.correct(f, person, [.fullName: "Nguyễn Văn Đức", .birthDate: "17/03/1958"])
        #expect(corrected.id == person.id && corrected.fullName == "Nguyễn Văn Đức")
        #expect(try f.database.person(id: person.id) == corrected)
        let history = try f.database.corrections(personID: person.id)
        #expect(Set(history.map(\.change)) == [
            PersonCorrection.Change(field: .fullName, old: "Nguyen Van Duc", new: "Nguyễn Văn Đức"),
            PersonCorrection.Change(field: .birthDate, old: "1958-03-07", new: "1958-03-17"),
        ])
        #expect(history.allSatisfy { $0.reason == "theo CCCD" && $0.staffCode == f.staff(.checkInNurse).code })
        #expect(try f.database.pendingOutboxCount() == outboxBefore + 1)
        #expect(try SQLiteShell.text(path, "SELECT event || ' ' || record_id FROM outbox ORDER BY seq DESC LIMIT 1")
            == "person-corrected \(person.id.uuidString)")
        #expect(try SQLiteShell.text(path, "SELECT action FROM audit ORDER BY seq DESC LIMIT 1") == "person-corrected")
        // The search index follows the record.
        let found = try f.database.searchRoster(RosterQuery("duc 1958"))
        #expect(found.map(\.person.birthDate) == [BirthDate(year: 1958, month: 3, day: 17)!])
        #expect(try SQLiteShell.text(path, "SELECT count(*) FROM person") == "1", "corrected in place, never a second person")
    }

    @Test("the rules of a new record hold: a CCCD against the sex, another person's CCCD, an empty name, nothing changed, no reason")
    func refused() throws {
        let f = try StoreFixture(people: 0)
        let path = f.directory.file("site.db")
        let person = try f.person(named: "Lê Văn Tâm", born: BirthDate(year: 1990, month: 1, day: 2)!, id: "091090012345")
        _ = try f.person(named: "Trần Thị Khác", born: BirthDate(year: 1990, month: 5, day: 5)!, sex: .female, id: "091190054321")
        let before = try SQLiteShell.text(path, "SELECT (SELECT count(*) FROM outbox) || '/' || (SELECT count(*) FROM audit)")
        // Digit 4 of this CCCD is 0: a man born in the 1900s.
        #expect(throws: CorrectionRefusal.invalid([.identityNumber: .identitySexMismatch])) {
            try Self.correct(f, person, [.sex: "Nữ"])
        }
        #expect(throws: VisitError.identityNumberOnRoster) {
            try Self.correct(f, person, [.identityNumber: "091190054321", .sex: "Nữ"])
        }
        #expect(throws: CorrectionRefusal.invalid([.fullName: .missingName])) { try Self.correct(f, person, [.fullName: "  "]) }
        #expect(throws: CorrectionRefusal.unchanged) { try Self.correct(f, person, [.fullName: "Lê Văn Tâm"]) }
        #expect(throws: VisitError.amendmentReasonRequired) { try Self.correct(f, person, [.phone: "0912345678"], reason: " ") }
        #expect(throws: VisitError.self) { try Self.correct(f, person, [.phone: "0912345678"], by: .vaccinator) }
        #expect(try f.database.person(id: person.id) == person, "nothing of a refused correction is written")
        #expect(try f.database.corrections(personID: person.id).isEmpty)
        #expect(try SQLiteShell.text(path, "SELECT (SELECT count(*) FROM outbox) || '/' || (SELECT count(*) FROM audit)") == before)
    }

    @Test("a field that may be empty is cleared; the site lead corrects too; the history is newest first")
    func clearedAndHistory() throws {
        let f = try StoreFixture(people: 0)
        var person = try f.person(named: "Phạm Thị Lan", sex: .female)
        person = try Self.correct(f, person, [.phone: "0912 345 678"])
        #expect(person.phone == "0912345678")
        person = try Self.correct(f, person, [.phone: ""], reason: "số của người khác", by: .siteLead)
        #expect(person.phone == nil)
        let history = try f.database.corrections(personID: person.id)
        #expect(history.map(\.change.new) == [nil, "0912345678"])
        #expect(history.map(\.staffCode) == [f.staff(.siteLead).code, f.staff(.checkInNurse).code])
    }
}
