import Foundation
import Testing
import VaxCore
import VaxStore

/// The check-in rules held by the store itself, whatever a desk shows: dose intervals, mixing, the
/// site lead's override, walk-ins and their look-alikes, doses from paper records.
@Suite("Check-in rules in the store")
struct CheckInRuleTests {
    /// A person whose first Pfizer dose was `daysAgo` days before the fixture's now.
    static func personWithDose(_ f: StoreFixture, product: String = "pfizer", daysAgo: Int) throws -> Person {
        let person = try f.person(named: "Trần Thị Bích", id: nil)
        let day = LocalDay.of(f.now.addingTimeInterval(-Double(daysAgo) * 86_400))
        try f.database.addPriorDose(PriorDose(doseNumber: 1, productCode: product, givenOn: day), personID: person.id,
                                    source: "roster", at: f.now)
        return person
    }

    @Test("a dose before its interval is refused with the day it becomes possible; nothing is written")
    func tooEarly() throws {
        let f = try StoreFixture()
        let person = try Self.personWithDose(f, daysAgo: 10)
        let outbox = try f.database.pendingOutboxCount()
        let earliest = LocalDay.of(f.now.addingTimeInterval(11 * 86_400))
        #expect(throws: VisitError.doseRefused(.tooEarly(earliestDay: earliest, minimumDays: 21))) { try f.checkIn(person) }
        #expect(try f.database.pendingOutboxCount() == outbox)
        #expect(try f.database.queue(at: .waitingScreening).isEmpty)
    }

    @Test("only a site lead may override, and only with a reason; the override is audited")
    func override() throws {
        let f = try StoreFixture()
        let person = try Self.personWithDose(f, daysAgo: 10)
        #expect(throws: VisitError.notPermitted(.overrideDose, role: .checkInNurse)) { try f.checkIn(person, override: "travelling", by: .checkInNurse) }
        #expect(throws: VisitError.doseRefused(.tooEarly(
            earliestDay: LocalDay.of(f.now.addingTimeInterval(11 * 86_400)), minimumDays: 21))) {
            try f.checkIn(person, override: "   ", by: .siteLead)
        }
        let ticket = try f.checkIn(person, override: "đi công tác xa", by: .siteLead)
        #expect(ticket.dose.doseNumber == 2)
        let trail = try f.database.auditTrail(ofRecord: ticket.visitID)
        #expect(trail.map(\.action) == ["dose-override", "check-in"])
        #expect(trail[0].detail == "đi công tác xa" && trail[0].staffID == f.staff(.siteLead).id)
    }

    @Test("a due second dose is checked in with the products its series allows, and the injection holds to them")
    func allowedProducts() throws {
        let f = try StoreFixture()
        let person = try Self.personWithDose(f, daysAgo: 30)
        let ticket = try f.checkIn(person)
        _ = try f.screen(ticket.visitID)
        let entry = try #require(try f.database.queue(at: .waitingInjection).first)
        #expect(entry.allowedProducts == ["pfizer", "moderna"])
        let astrazeneca = try #require(f.demo.lots.first { $0.productCode == "astrazeneca" })
        #expect(throws: VisitError.productNotAllowed(product: "astrazeneca")) {
            try f.inject(ticket.visitID, lot: astrazeneca)
        }
        let pfizer = try #require(f.demo.lots.first { $0.productCode == "pfizer" })
        _ = try f.inject(ticket.visitID, lot: pfizer)
    }

    @Test("a series no lot of the session can complete is refused; the site lead may open it to any lot")
    func noAllowedProduct() throws {
        let f = try StoreFixture()
        let person = try Self.personWithDose(f, product: "verocell", daysAgo: 60)
        #expect(throws: VisitError.doseRefused(.noAllowedProduct(allowed: ["verocell"]))) { try f.checkIn(person) }
        let ticket = try f.checkIn(person, override: "Hết Vero Cell; người tiêm đồng ý", by: .siteLead)
        _ = try f.screen(ticket.visitID)
        #expect(try f.database.queue(at: .waitingInjection).first?.allowedProducts == nil)
    }

    @Test("a walk-in is registered once, queued for sync and audited; the same card twice is refused")
    func walkIn() throws {
        let f = try StoreFixture()
        let person = Person(fullName: "Võ Minh Khang", birthDate: BirthDate(year: 1990, month: 5, day: 2)!, sex: .male,
                            identityNumber: "079090001122", phone: "0903123456")
        let outbox = try f.database.pendingOutboxCount()
        try f.database.registerWalkIn(person, by: f.staff(.checkInNurse).id, at: f.now)
        #expect(try f.database.pendingOutboxCount() == outbox + 1)
        let stored = try f.database.isStored(person.id, event: .registration)
        #expect(stored.record && stored.outbox)
        #expect(try f.database.searchRoster(RosterQuery("khang 1990")).map(\.person.id) == [person.id])
        var again = person
        again.id = UUID()
        #expect(throws: VisitError.identityNumberOnRoster) {
            try f.database.registerWalkIn(again, by: f.staff(.checkInNurse).id, at: f.now)
        }
    }

    @Test("look-alikes: the same number, the same folded name and birth year, or the same phone and birth year")
    func lookAlikes() throws {
        let f = try StoreFixture()
        let duc = try f.person(named: "Nguyễn Văn Đức", born: BirthDate(year: 1985, month: 3, day: 7)!, id: "091085012345")
        func alike(_ name: String, _ birth: BirthDate, id: String? = nil, phone: String? = nil) throws -> [UUID] {
            try f.database.possibleDuplicates(of: Person(fullName: name, birthDate: birth, sex: .male, identityNumber: id,
                                                         phone: phone)).map(\.person.id)
        }
        #expect(try alike("Nguyen Van Duc", BirthDate(year: 1985)).contains(duc.id))
        #expect(try alike("NGUYỄN VĂN ĐỨC", BirthDate(year: 1985, month: 7, day: 3)!).contains(duc.id))
        #expect(try alike("Someone Else", BirthDate(year: 2000), id: "091085012345") == [duc.id])
        #expect(try alike("Nguyễn Văn Đức", BirthDate(year: 1986)).isEmpty)
    }

    @Test("a dose from a paper card is added once, marked, audited and queued; then the next dose follows it")
    func paperDose() throws {
        let f = try StoreFixture()
        let person = try f.person(named: "Lý Thị Hoa")
        let entry = BackfillDose(identityNumber: nil, fullName: nil, birthDate: nil,
                                 dose: PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-07-15"),
                                 lotNumber: "AB1234", place: "TYT Phường 5")
        let outbox = try f.database.pendingOutboxCount()
        #expect(try f.database.backfillDose(entry, personID: person.id, source: "paper", by: f.staff(.checkInNurse).id, at: f.now))
        #expect(try !f.database.backfillDose(entry, personID: person.id, source: "paper", by: f.staff(.checkInNurse).id, at: f.now))
        #expect(try f.database.pendingOutboxCount() == outbox + 1)
        let ticket = try f.checkIn(person)
        #expect(ticket.dose.doseNumber == 2)
    }

    @Test("the roster counts a query's matches up to a cap: the same people the search finds, one more meaning more")
    func countMatches() throws {
        let f = try StoreFixture(people: 300)
        for text in ["ng", "th", "nguyen van", "a 1980"] {
            let query = RosterQuery(text)
            let found = try f.database.searchRoster(query, limit: 1000).count
            #expect(try f.database.countRosterMatches(query) == found, "\(text)")
        }
        let many = RosterQuery("n")
        #expect(try f.database.countRosterMatches(many, cap: 10) == 11)
        #expect(try f.database.countRosterMatches(RosterQuery("")) == 0)
    }
}
