import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

@Suite("The same person twice on the roster")
struct DuplicateTests {
    static func walkIn(_ f: StoreFixture, _ name: String, born: BirthDate, sex: Sex = .male, id: String? = nil,
                       phone: String? = nil) throws -> Person {
        let person = Person(fullName: name, birthDate: born, sex: sex, identityNumber: id, phone: phone)
        try f.database.registerWalkIn(person, by: f.staff(.checkInNurse).id, at: f.now)
        return person
    }

    @Test("found by folded name and birth date, by phone and birth year; never two different CCCDs; merged ones leave the list")
    func found() throws {
        let f = try StoreFixture(people: 0)
        let born = BirthDate(year: 1962, month: 5, day: 18)!
        let a = try f.person(named: "Hoàng Kim Phương", born: born, sex: .female)
        let b = try Self.walkIn(f, "Hoang Kim Phuong", born: born, sex: .female, id: "091162004455")
        let c = try Self.walkIn(f, "Lê Văn Sáu", born: BirthDate(year: 1975), phone: "0912345678")
        let d = try Self.walkIn(f, "Lê Văn Sáu Em", born: BirthDate(year: 1975, month: 1, day: 9)!, phone: "0912345678")
        // Same name and birth date, different CCCDs: two people.
        _ = try Self.walkIn(f, "Trần Văn Bảy", born: BirthDate(year: 1980, month: 1, day: 1)!, id: "091080001111")
        _ = try Self.walkIn(f, "Tran Van Bay", born: BirthDate(year: 1980, month: 1, day: 1)!, id: "091080002222")
        let pairs = try f.database.probableDuplicates()
        #expect(Set(pairs.map { Set([$0.first.person.id, $0.second.person.id]) }) == [[a.id, b.id], [c.id, d.id]])
        #expect(pairs.first { $0.first.person.id == a.id }?.reason == .sameNameAndBirthDate)
        #expect(pairs.first { $0.first.person.id == c.id }?.reason == .samePhoneAndBirthYear)
        try f.database.mergePeople(keep: a.id, merged: b.id, reason: "cùng CCCD", by: f.lead, at: f.now)
        #expect(try f.database.probableDuplicates().count == 1)
    }

    @Test("merging: the kept record has every dose and the CCCD, the other stays merged and out of search; audited and queued")
    func merged() throws {
        let f = try StoreFixture(people: 0)
        let path = f.directory.file("site.db")
        let born = BirthDate(year: 1962, month: 5, day: 18)!
        let kept = try f.person(named: "Hoàng Kim Phương", born: born, sex: .female)
        let other = try Self.walkIn(f, "Hoang Kim Phuong", born: born, sex: .female, id: "091162004455", phone: "0987654321")
        let paper = BackfillDose(identityNumber: nil, fullName: nil, birthDate: nil,
                                 dose: PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-08-10"))
        for person in [kept, other] {
            #expect(try f.database.backfillDose(paper, personID: person.id, source: "sổ", by: f.staff(.checkInNurse).id, at: f.now))
        }
        // The second record came today and had dose 2.
        let ticket = try f.checkIn(other)
        _ = try f.screen(ticket.visitID)
        _ = try f.inject(ticket.visitID, lot: f.demo.lots[0])
        #expect(throws: VisitError.self) {
            try f.database.mergePeople(keep: kept.id, merged: other.id, reason: "x", by: f.staff(.checkInNurse).id, at: f.now)
        }
        try f.database.mergePeople(keep: kept.id, merged: other.id, reason: "cùng người, theo CCCD", by: f.lead, at: f.now)
        let now = try #require(try f.database.person(id: kept.id))
        #expect(now.identityNumber == "091162004455" && now.phone == "0987654321" && now.fullName == "Hoàng Kim Phương")
        #expect(try f.database.doseHistory(personID: kept.id).map(\.doseNumber) == [1, 2], "both doses, the paper one once")
        #expect(try f.database.doseHistory(personID: other.id).isEmpty)
        #expect(try SQLiteShell.text(path, "SELECT merged_into FROM person WHERE id = '\(other.id.uuidString)'") == kept.id.uuidString)
        #expect(try f.database.searchRoster(RosterQuery("phuong 1962")).map(\.person.id) == [kept.id])
        #expect(try f.database.searchRoster(RosterQuery("091162004455")).map(\.person.id) == [kept.id])
        #expect(try f.database.person(identityNumber: "091162004455")?.id == kept.id)
        #expect(Set(try f.database.corrections(personID: kept.id).map(\.change.field)) == [.identityNumber, .phone])
        #expect(try SQLiteShell.text(path, "SELECT action FROM audit ORDER BY seq DESC LIMIT 1") == "person-merged")
        let queued = try SQLiteShell.text(path, "SELECT group_concat(record_type || ':' || event, ' ') FROM outbox WHERE seq > (SELECT MAX(seq) FROM outbox WHERE event = 'injection')")
        #expect(queued.contains("injection:person-merged") && queued.contains("prior_dose:person-merged")
            && queued.contains("person:person-corrected") && queued.contains("person:person-merged"), "\(queued)")
        #expect(throws: VisitError.alreadyMerged) {
            try f.database.mergePeople(keep: kept.id, merged: other.id, reason: "lại", by: f.lead, at: f.now)
        }
    }

    @Test("refused: two CCCDs, or both at the same session")
    func refused() throws {
        let f = try StoreFixture(people: 0)
        let one = try Self.walkIn(f, "Trần Văn Bảy", born: BirthDate(year: 1980, month: 1, day: 1)!, id: "091080001111")
        let two = try Self.walkIn(f, "Tran Van Bay", born: BirthDate(year: 1980, month: 1, day: 1)!, id: "091080002222")
        #expect(throws: VisitError.differentIdentityNumbers) {
            try f.database.mergePeople(keep: one.id, merged: two.id, reason: "x", by: f.lead, at: f.now)
        }
        let three = try Self.walkIn(f, "Trần Văn Tám", born: BirthDate(year: 1980, month: 2, day: 2)!)
        let four = try Self.walkIn(f, "Tran Van Tam", born: BirthDate(year: 1980, month: 2, day: 2)!)
        _ = try f.checkIn(three)
        _ = try f.checkIn(four)
        #expect(throws: VisitError.bothInSession) {
            try f.database.mergePeople(keep: three.id, merged: four.id, reason: "x", by: f.lead, at: f.now)
        }
    }
}
