import Foundation
import Testing
import VaxCore
import VaxStore

@Suite("Roster search")
struct RosterSearchTests {
    @Test("«duc» finds «Đức»; words match as prefixes in any order")
    func folding() throws {
        let f = try StoreFixture(people: 0)
        let duc = try f.person(named: "Nguyễn Văn Đức")
        _ = try f.person(named: "Trần Thị Dung")
        for query in ["duc", "Đức", "ĐỨC", "duc nguyen", "ng v duc", "nguy", "đức nguyễn"] {
            #expect(try f.database.searchRoster(RosterQuery(query)).map(\.person.id) == [duc.id], "query \(query)")
        }
        #expect(try f.database.searchRoster(RosterQuery("d")).count == 2)
        #expect(try f.database.searchRoster(RosterQuery("xyz")).isEmpty)
    }

    @Test("a decomposed (NFD) name on the roster is found by a precomposed query")
    func decomposedRoster() throws {
        let f = try StoreFixture(people: 0)
        let person = try f.person(named: "Phạm Thị Thu Hà".decomposedStringWithCanonicalMapping)
        #expect(try f.database.searchRoster(RosterQuery("Phạm Hà")).map(\.person.id) == [person.id])
    }

    @Test("a whole identity number finds its person")
    func identity() throws {
        let f = try StoreFixture(people: 0)
        let person = try f.person(named: "Lê Văn Tám", id: "091080000123")
        _ = try f.person(named: "Lê Văn Tám", id: "091080000124")
        #expect(try f.database.searchRoster(RosterQuery("091080000123")).map(\.person.id) == [person.id])
    }

    @Test("whole-word matches come before prefix matches")
    func ranking() throws {
        let f = try StoreFixture(people: 0)
        _ = try f.person(named: "Nguyễn Văn Đức Anh")
        _ = try f.person(named: "Lê Đức Thịnh")
        let exact = try f.person(named: "Lê Đức")
        let results = try f.database.searchRoster(RosterQuery("le duc"))
        #expect(results.first?.person.id == exact.id)
        #expect(results.count == 2)
    }

    @Test("results show today's ticket and the doses on record")
    func status() throws {
        let f = try StoreFixture(people: 0)
        let person = try f.person(named: "Võ Thị Sáu")
        try f.database.addPriorDose(PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-08-01"),
                                    personID: person.id, source: "roster", at: f.now)
        let ticket = try f.checkIn(person)
        let match = try #require(try f.database.searchRoster(RosterQuery("sau")).first)
        #expect(match.dosesOnRecord == 1)
        #expect(match.ticketToday == ticket.number)
    }

    @Test("the demo roster's CCCD numbers agree with birth year and sex")
    func demoRosterConsistent() throws {
        let provinces = try ProvinceCodes(json: Data(contentsOf: StoreFixture.resource("provinces.json")))
        let f = try StoreFixture(people: 2_000)
        let people = try f.database.rosterPeople(first: 2_000)
        #expect(people.count == 2_000)
        #expect(Set(people.compactMap(\.identityNumber)).count == 2_000)
        for person in people {
            let problems = CitizenID.check(person.identityNumber!, birthYear: person.birthDate.year, sex: person.sex,
                                           provinces: provinces)
            #expect(problems.isEmpty, "\(person.fullName): \(problems)")
        }
    }
}

@Suite("Roster search filters")
struct RosterSearchFilterTests {
    @Test("a birth year narrows a name search")
    func birthYear() throws {
        let f = try StoreFixture(people: 0)
        _ = try f.person(named: "Nguyễn Văn Đức", born: BirthDate(year: 1960, month: 1, day: 2)!)
        let wanted = try f.person(named: "Trần Đức Huy", born: BirthDate(year: 1985, month: 5, day: 6)!)
        let yearOnly = try f.person(named: "Lê Đức", born: BirthDate(year: 1985))
        let found = try f.database.searchRoster(RosterQuery("duc 1985")).map(\.person.id)
        #expect(Set(found) == [wanted.id, yearOnly.id])
    }
}

@Suite("Roster search by numbers")
struct RosterSearchNumberTests {
    @Test("an identity or phone number, whole or its last 4+ digits", arguments: [
        "091085012345", "2345", "012345", "0912345678", "5678", "345678", "duc 2345",
    ])
    func digits(query: String) throws {
        let f = try StoreFixture(people: 0)
        let duc = Person(fullName: "Nguyễn Văn Đức", birthDate: BirthDate(year: 1985, month: 3, day: 7)!, sex: .male,
                         identityNumber: "091085012345", phone: "0912345678")
        try f.database.insertRoster([RosterEntry(person: duc)], source: .roster, at: f.now)
        _ = try f.person(named: "Lê Văn Tám", id: "091080099999")
        #expect(try f.database.searchRoster(RosterQuery(query)).map(\.person.id) == [duc.id], "query \(query)")
    }

    @Test("a number that ends nobody's finds nobody")
    func none() throws {
        let f = try StoreFixture(people: 0)
        _ = try f.person(named: "Lê Văn Tám", id: "091080099999")
        #expect(try f.database.searchRoster(RosterQuery("1234")).isEmpty)
    }
}
