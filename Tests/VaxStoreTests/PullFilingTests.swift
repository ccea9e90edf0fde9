import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// How a site files what the centre gives: a person it holds under another site's id keeps every dose
/// pulled for them, in whatever page it comes; a record merged here gives its pulled doses to the kept one.
@Suite("Filing a pull")
struct PullFilingTests {
    static let cccd = "079085001234"

    @Test("a person found by CCCD gets the doses pulled under the other site's id, pages and days later")
    func doseLaterUnderOtherSitesID() throws {
        let fixture = try StoreFixture(people: 5)
        let local = try fixture.person(named: "Nguyễn Văn Đức", id: Self.cccd)
        let elsewhere = UUID()
        let database = fixture.database
        let pending = try database.pendingOutboxCount()

        try database.filePull([Self.patient(elsewhere)], cursor: "10.1", at: fixture.now)
        #expect(try database.person(id: elsewhere) == nil, "the roster's record is the person: no second one")
        let filed = try database.filePull([Self.dose("imm-1", of: elsewhere, number: 1, on: "2021-08-02")], cursor: "11.1", at: fixture.now)
        #expect(filed.doses == 1)
        try database.filePull([Self.dose("imm-2", of: elsewhere, number: 2, on: "2021-09-01")], cursor: "12.1", at: fixture.now)
        #expect(try database.doseHistory(personID: local.id).map(\.doseNumber) == [1, 2])
        #expect(try database.pendingOutboxCount() == pending)

        // Merged here into another record: the next dose pulled goes to the kept one, and the pulled
        // doses that moved with the merge are still the giving site's, not sent from here.
        let kept = try fixture.person(named: "Nguyễn Văn Đức", born: BirthDate(year: 1985, month: 3, day: 12)!)
        try database.mergePeople(keep: kept.id, merged: local.id, reason: "cùng một người", by: fixture.lead, at: fixture.now)
        let afterMerge = try database.pendingOutboxCount()
        try database.filePull([Self.dose("imm-3", of: elsewhere, number: 3, on: "2022-01-05")], cursor: "13.1", at: fixture.now)
        #expect(try database.doseHistory(personID: kept.id).map(\.doseNumber) == [1, 2, 3])
        #expect(try database.pendingOutboxCount() == afterMerge)
        let queued = try SQLiteShell.text(fixture.directory.file("site.db"), """
            SELECT COUNT(*) FROM outbox o JOIN prior_dose d ON d.id = o.record_id WHERE d.pulled_from IS NOT NULL
            """)
        #expect(queued == "0", "pulled doses are never queued")
    }

    static func patient(_ id: UUID) throws -> PulledRecord {
        try record("""
            {"resourceType": "Patient", "id": "\(id.uuidString)", "name": [{"text": "Nguyễn Văn Đức"}], "gender": "male",
             "birthDate": "1985-03-12", "identifier": [{"system": "\(FHIRSystem.citizenID)", "value": "\(cccd)"}]}
            """)
    }

    static func dose(_ id: String, of person: UUID, number: Int, on day: String) throws -> PulledRecord {
        try record("""
            {"resourceType": "Immunization", "id": "\(id)", "status": "completed", "patient": {"reference": "Patient/\(person.uuidString)"},
             "vaccineCode": {"coding": [{"code": "COMIRNATY"}]}, "occurrenceDateTime": "\(day)T08:00:00+07:00",
             "protocolApplied": [{"doseNumberPositiveInt": \(number)}]}
            """)
    }

    static func record(_ json: String) throws -> PulledRecord {
        PulledRecord(try JSONDecoder().decode(FHIRResource.self, from: Data(json.utf8)), site: "TYT Phường An Hòa")
    }
}

extension PullFilingTests {
    @Test("the centre's answer to a look-up: one person for the records of several sites under one CCCD; this site's own doses are not filed twice")
    func lookUpAnswerFiled() throws {
        let fixture = try StoreFixture(people: 5)
        let database = fixture.database
        let (a, b) = (UUID(), UUID())
        func patient(_ id: UUID, _ name: String) -> String {
            #"{"resource": {"resourceType": "Patient", "id": "\#(id.uuidString)", "name": [{"text": "\#(name)"}], "birthDate": "1985-03-12", "gender": "male"}}"#
        }
        func dose(_ id: String, _ person: UUID, _ number: Int, _ day: String, _ site: String) -> String {
            #"{"resource": {"resourceType": "Immunization", "id": "\#(id)", "status": "completed", "patient": {"reference": "Patient/\#(person.uuidString)"}, "vaccineCode": {"coding": [{"code": "pfizer"}]}, "occurrenceDateTime": "\#(day)", "protocolApplied": [{"doseNumberPositiveInt": \#(number)}], "location": {"display": "\#(site)"}}}"#
        }
        let searchset = #"{"resourceType": "Bundle", "type": "searchset", "entry": ["#
            + [patient(a, "Nguyễn Văn Đức"), dose("d-1", a, 1, "2021-08-02", "TYT An Hòa"),
               patient(b, "NGUYỄN VĂN ĐỨC"), dose("d-2", b, 2, "2021-09-01", "Trường THCS Lê Lợi")].joined(separator: ",") + "]}"
        let lookup = try CentreLookup(identifier: Self.cccd, searchset: Data(searchset.utf8))
        #expect(lookup.people.count == 1, "the same name and birth date under one number: one person")
        let found = try #require(lookup.people.first)
        #expect(found.doses.map(\.dose.doseNumber) == [1, 2] && found.doses.allSatisfy { $0.personID == a })

        let person = try database.acceptFromCentre(found, by: fixture.staff(.checkInNurse).id, at: fixture.now)
        #expect(person.identityNumber == Self.cccd)
        #expect(try database.doseHistory(personID: person.id).map(\.place) == ["TYT An Hòa", "Trường THCS Lê Lợi"])
        // Asked again (F7 at the last look): nothing twice.
        _ = try database.acceptFromCentre(found, by: fixture.staff(.checkInNurse).id, at: fixture.now)
        #expect(try database.doseHistory(personID: person.id).count == 2)
        let audit = try SQLiteShell.text(fixture.directory.file("site.db"), "SELECT COUNT(*) FROM audit WHERE action = 'person-from-centre'")
        #expect(audit == "2")

        // A dose recorded here, as the centre holds it: the look-up answers it too, and it is not filed again.
        let nurse = fixture.staff(.checkInNurse).id
        _ = try database.backfillDose(
            BackfillDose(identityNumber: nil, fullName: nil, birthDate: nil,
                         dose: PriorDose(doseNumber: 3, productCode: "pfizer", givenOn: "2022-01-10")),
            personID: person.id, source: "paper", by: nurse, at: fixture.now)
        let own = try SQLiteShell.text(fixture.directory.file("site.db"), "SELECT id FROM prior_dose WHERE dose_number = 3")
        var answered = found
        answered.doses.append(try #require(CentreLookup(identifier: Self.cccd, searchset: Data((#"{"resourceType": "Bundle", "type": "searchset", "entry": ["#
            + patient(a, "Nguyễn Văn Đức") + "," + dose(own, a, 3, "2022-01-10", "here") + "]}").utf8)).people.first?.doses.first))
        _ = try database.acceptFromCentre(answered, by: nurse, at: fixture.now)
        #expect(try database.doseHistory(personID: person.id).map(\.doseNumber) == [1, 2, 3])
        #expect(throws: VisitError.self) {
            try database.acceptFromCentre(found, by: fixture.staff(.vaccinator).id, at: fixture.now)
        }
    }
}
