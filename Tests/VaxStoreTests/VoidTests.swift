import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

@Suite("Voiding a record entered in error")
struct VoidTests {
    /// Two people through screening and injection from one vial of the first lot.
    static func twoInjected(_ f: StoreFixture) throws -> (vial: Vial, injections: [UUID], visits: [UUID]) {
        let vial = try f.database.openVial(lotID: f.demo.lots[0].id, catalog: StoreFixture.catalog, by: f.staff(.vaccinator).id, at: f.now)
        var injections: [UUID] = [], visits: [UUID] = []
        for name in ["Nguyễn Văn Một", "Trần Thị Hai"] {
            let ticket = try f.checkIn(try f.person(named: name))
            _ = try f.screen(ticket.visitID)
            injections.append(try f.database.recordInjection(
                visitID: ticket.visitID, vialID: vial.id, arm: .left, observation: f.policy, by: f.staff(.vaccinator).id, at: f.now
            ).injectionID)
            visits.append(ticket.visitID)
        }
        return (vial, injections, visits)
    }

    /// Every dose of the lot's opened vials is given, wasted or still in an open vial.
    static func balances(_ lot: SessionReport.Lot, left: Int) -> Bool {
        lot.dosesInOpenedVials == lot.dosesGiven + lot.dosesWasted + left
    }

    @Test("an injection never given, voided as wasted: out of the report, the dose wasted, the record kept, audited and queued")
    func injectionWasted() throws {
        let f = try StoreFixture(people: 0)
        let path = f.directory.file("site.db")
        let (vial, injections, visits) = try Self.twoInjected(f)
        try f.database.voidRecord(.injection(injections[0], dose: .wasted), reason: "ghi nhầm người", by: f.lead, at: f.now)
        let report = try f.database.sessionReport()
        #expect(report.vaccinated == 1)
        let lot = try #require(report.lots.first { $0.lot == f.demo.lots[0].lotNumber })
        #expect(lot.dosesGiven == 1 && lot.dosesWasted == 1)
        let open = try #require(try f.database.sessionVials().first { $0.id == vial.id })
        #expect(open.dosesLeft == vial.dosesPerVial - 2, "the dose was drawn")
        #expect(Self.balances(lot, left: open.dosesLeft))
        #expect(try SQLiteShell.text(path, "SELECT count(*) FROM injection") == "2", "never deleted")
        #expect(try SQLiteShell.text(path, "SELECT reason || ' ' || dose_fate FROM void_record") == "ghi nhầm người wasted")
        #expect(try SQLiteShell.text(path, "SELECT event || ' ' || record_type FROM outbox ORDER BY seq DESC LIMIT 1") == "voided injection")
        #expect(try SQLiteShell.text(path, "SELECT action FROM audit ORDER BY seq DESC LIMIT 1") == "voided")
        // No certificate for a dose that was not given; no second void, no amendment.
        #expect(throws: VisitError.notFound(.injection)) { try f.database.certificate(visitID: visits[0], at: f.now) }
        #expect(throws: VisitError.alreadyVoided) {
            try f.database.voidRecord(.injection(injections[0], dose: .returned), reason: "lại", by: f.lead, at: f.now)
        }
        #expect(throws: VisitError.alreadyVoided) {
            try f.database.amendInjection(injections[0], .arm(.right), reason: "tay phải", by: f.lead, at: f.now)
        }
        #expect(throws: VisitError.amendmentReasonRequired) {
            try f.database.voidRecord(.injection(injections[1], dose: .wasted), reason: " ", by: f.lead, at: f.now)
        }
        #expect(throws: VisitError.self) {
            try f.database.voidRecord(.injection(injections[1], dose: .wasted), reason: "x", by: f.staff(.vaccinator).id, at: f.now)
        }
    }

    @Test("voided as returned: an open vial has the dose back; a vial already discarded threw it away with the rest")
    func injectionReturned() throws {
        let f = try StoreFixture(people: 0)
        let (vial, injections, _) = try Self.twoInjected(f)
        try f.database.voidRecord(.injection(injections[0], dose: .returned), reason: "ghi hai lần", by: f.lead, at: f.now)
        var open = try #require(try f.database.sessionVials().first { $0.id == vial.id })
        #expect(open.dosesLeft == vial.dosesPerVial - 1)
        var lot = try #require(try f.database.sessionReport().lots.first { $0.lot == f.demo.lots[0].lotNumber })
        #expect(lot.dosesGiven == 1 && lot.dosesWasted == 0 && Self.balances(lot, left: open.dosesLeft))
        // The vial is discarded, then the other injection is found to be a double entry too.
        try f.database.discardVial(vial.id, reason: "hết buổi", by: f.staff(.vaccinator).id, at: f.now)
        try f.database.voidRecord(.injection(injections[1], dose: .returned), reason: "ghi hai lần", by: f.lead, at: f.now)
        open = try #require(try f.database.sessionVials().first { $0.id == vial.id })
        lot = try #require(try f.database.sessionReport().lots.first { $0.lot == f.demo.lots[0].lotNumber })
        #expect(lot.dosesGiven == 0 && lot.dosesWasted == vial.dosesPerVial && Self.balances(lot, left: 0))
    }

    @Test("a deferral on the wrong person, and a paper dose that was not: voided, out of the counts and the dose rules")
    func screeningAndPaperDose() throws {
        let f = try StoreFixture(people: 0)
        // Item 3 Có (an acute illness): deferred.
        let deferred = try f.checkIn(try f.person(named: "Lê Văn Hoãn"))
        let screening = try f.screen(deferred.visitID, yes: ["3"])
        #expect(try f.database.sessionReport().deferred == 1)
        try f.database.voidRecord(.screening(screening), reason: "khám nhầm người", by: f.lead, at: f.now)
        #expect(try f.database.sessionReport().deferred == 0)
        let duc = try f.person(named: "Nguyễn Văn Đức", id: "091085012345")
        let dose = BackfillDose(identityNumber: nil, fullName: nil, birthDate: nil,
                                dose: PriorDose(doseNumber: 1, productCode: "pfizer", givenOn: "2021-08-10"))
        #expect(try f.database.backfillDose(dose, personID: duc.id, source: "sổ giấy", by: f.staff(.checkInNurse).id, at: f.now))
        let paper = try #require(try f.database.records(personID: duc.id).first { $0.kind == .paperDose })
        try f.database.voidRecord(.paperDose(paper.id), reason: "sổ của người khác", by: f.lead, at: f.now)
        #expect(try f.database.doseHistory(personID: duc.id).isEmpty, "the dose rules no longer see it")
        #expect(try f.database.records(personID: duc.id).map(\.voided) == [true])
        // The right dose can be entered again.
        #expect(try f.database.backfillDose(dose, personID: duc.id, source: "sổ giấy", by: f.staff(.checkInNurse).id, at: f.now))
        #expect(try f.database.doseHistory(personID: duc.id).count == 1)
    }

    @Test("a screening that sent the person on to a dose is voided only after the dose")
    func screeningAfterInjection() throws {
        let f = try StoreFixture(people: 0)
        let ticket = try f.checkIn(try f.person(named: "Phạm Văn Tiêm"))
        let screening = try f.screen(ticket.visitID)
        let injection = try f.inject(ticket.visitID, lot: f.demo.lots[0]).injectionID
        #expect(throws: VisitError.voidInjectionFirst) {
            try f.database.voidRecord(.screening(screening), reason: "nhầm", by: f.lead, at: f.now)
        }
        try f.database.voidRecord(.injection(injection, dose: .wasted), reason: "nhầm", by: f.lead, at: f.now)
        try f.database.voidRecord(.screening(screening), reason: "nhầm", by: f.lead, at: f.now)
    }
}
