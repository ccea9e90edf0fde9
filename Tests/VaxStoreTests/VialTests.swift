import Foundation
import Testing
import VaxCore
import VaxDemo
import TestSupport
import VaxStore

/// Vials in the store: every dose of an opened vial ends given or wasted, and a vial is used only
/// while it may be.
@Suite("Vials in the site store")
struct VialTests {
    /// `count` people checked in and cleared by screening.
    static func cleared(_ f: StoreFixture, _ count: Int) throws -> [UUID] {
        try (0..<count).map { index in
            let ticket = try f.checkIn(try f.person(named: "Người Số \(index)", id: nil))
            _ = try f.screen(ticket.visitID)
            return ticket.visitID
        }
    }

    @Test("a six-dose vial gives six injections, then is finished by itself with nothing wasted")
    func drawnToEmpty() throws {
        let f = try StoreFixture()
        let pfizer = try #require(f.demo.lots.first { $0.productCode == "pfizer" })
        let visits = try Self.cleared(f, 7)
        let vial = try f.database.openVial(lotID: pfizer.id, catalog: StoreFixture.catalog, by: f.staff(.vaccinator).id, at: f.now)
        #expect(vial.dosesPerVial == 6 && vial.discardDue == f.now.addingTimeInterval(6 * 3_600))
        for visit in visits.prefix(6) {
            _ = try f.database.recordInjection(visitID: visit, vialID: vial.id, arm: .left, observation: f.policy,
                                               by: f.staff(.vaccinator).id, at: f.now)
        }
        let finished = try #require(try f.database.sessionVials().first { $0.id == vial.id })
        #expect(finished.dosesDrawn == 6 && finished.closedAt != nil && finished.dosesWasted == 0)
        #expect(finished.discardReason == "empty")
        #expect(throws: VisitError.vialNotUsable) {
            try f.database.recordInjection(visitID: visits[6], vialID: vial.id, arm: .left, observation: f.policy,
                                           by: f.staff(.vaccinator).id, at: f.now)
        }
        #expect(try f.database.queue(at: .waitingInjection).map(\.visitID) == [visits[6]], "the seventh still waits")
    }

    @Test("past its discard time a vial is refused; discarding it needs a reason and wastes what is left")
    func pastDiscardTime() throws {
        let f = try StoreFixture()
        let astrazeneca = try #require(f.demo.lots.first { $0.productCode == "astrazeneca" })
        let visits = try Self.cleared(f, 2)
        let vial = try f.database.openVial(lotID: astrazeneca.id, catalog: StoreFixture.catalog, by: f.staff(.vaccinator).id, at: f.now)
        _ = try f.database.recordInjection(visitID: visits[0], vialID: vial.id, arm: .left, observation: f.policy,
                                           by: f.staff(.vaccinator).id, at: f.now)
        let late = f.now.addingTimeInterval(6 * 3_600 + 1)
        do {
            _ = try f.database.recordInjection(visitID: visits[1], vialID: vial.id, arm: .left, observation: f.policy,
                                               by: f.staff(.vaccinator).id, at: late)
            Issue.record("a dose was drawn from a vial past its discard time")
        } catch VisitError.vialPastDiscardTime(let due) {
            // Stored to the millisecond.
            #expect(abs(due.timeIntervalSince(vial.discardDue)) < 0.001)
        }
        #expect(throws: VisitError.discardReasonRequired) {
            try f.database.discardVial(vial.id, reason: "  ", by: f.staff(.vaccinator).id, at: late)
        }
        #expect(try f.database.discardVial(vial.id, reason: "Quá giờ hủy", by: f.staff(.vaccinator).id, at: late) == 9)
        #expect(throws: VisitError.vialNotUsable) {
            try f.database.discardVial(vial.id, reason: "again", by: f.staff(.vaccinator).id, at: late)
        }
        let balance = VialBalance(try f.database.sessionVials())
        #expect(balance.opened == 1 && balance.given == 1 && balance.wasted == 9 && balance.isBalanced)
        let stored = try f.database.isStored(vial.id, event: .vialDiscarded)
        #expect(stored.record && stored.outbox)
    }

    @Test("a vial of an expired lot cannot be opened")
    func expiredLot() throws {
        let f = try StoreFixture(lotExpiry: LocalDate(year: 2021, month: 1, day: 1)!)
        #expect(throws: VisitError.lotExpired(expiry: "2021-01-01")) {
            try f.database.openVial(lotID: f.demo.lots[1].id, catalog: StoreFixture.catalog, by: f.staff(.vaccinator).id, at: f.now)
        }
    }
}

/// The store decides "today" in the site's own zone, as its desks do, not in Vietnam's.
@Suite("Lot expiry in the site's time zone")
struct SiteZoneTests {
    @Test("a lot on its last day at a site west of Vietnam is usable there, though Vietnam is a day ahead")
    func siteZone() throws {
        let directory = TemporaryDirectory("site-zone")
        let database = try AppDatabase(path: directory.file("site.db"))
        let zone = TimeZone(identifier: "America/Los_Angeles")!
        // 20:00 on 30 November in Los Angeles is already 1 December in Vietnam.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let evening = calendar.date(from: DateComponents(year: 2026, month: 11, day: 30, hour: 20))!
        let demo = DemoSite(today: evening, timeZone: zone)
        var lots = demo.lots
        lots[1].expiry = LocalDate(year: 2026, month: 11, day: 30)!
        try database.createSite(demo.site, staff: demo.staff, session: demo.session, lots: lots, openedBy: nil, at: evening)
        #expect(LocalDate(evening, in: LocalDay.vietnam) > lots[1].expiry)
        let vaccinator = try #require(demo.staff.first { $0.role == .vaccinator })
        let vial = try database.openVial(lotID: lots[1].id, catalog: StoreFixture.catalog, by: vaccinator.id, at: evening)
        #expect(vial.lotID == lots[1].id)
        #expect(throws: VisitError.lotExpired(expiry: "2026-11-30")) {
            try database.openVial(lotID: lots[1].id, catalog: StoreFixture.catalog, by: vaccinator.id, at: evening + 5 * 3_600)
        }
    }
}

@Suite("Screening records in the site store")
struct ScreeningRecordTests {
    static func decision(_ visit: UUID, computed: ScreeningOutcome, outcome: ScreeningOutcome, reason: String? = nil,
                         consent: Bool) -> ScreeningDecision {
        ScreeningDecision(visitID: visit, checklistVersion: "3802/QĐ-BYT", answers: StoreFixture.checklist.answers(yes: ["3"]),
                          computedOutcome: computed, outcome: outcome, overrideReason: reason, consent: consent,
                          vitals: VitalSigns(temperature: 38.1, pulse: 90, systolic: 125, diastolic: 80, respiratoryRate: 18))
    }

    @Test("a more lenient outcome needs a reason, kept in the audit; going on to injection needs consent")
    func lenientAndConsent() throws {
        let f = try StoreFixture()
        let visit = try f.checkIn(try f.person(named: "Đỗ Văn Lâm")).visitID
        let doctor = f.staff(.screeningDoctor).id
        #expect(throws: VisitError.lenientOutcomeNeedsReason) {
            try f.database.recordScreening(Self.decision(visit, computed: .deferred, outcome: .caution, consent: true), checklist: StoreFixture.checklist, by: doctor, at: f.now)
        }
        #expect(throws: VisitError.consentRequired) {
            try f.database.recordScreening(
                Self.decision(visit, computed: .deferred, outcome: .caution, reason: "hết sốt", consent: false),
                checklist: StoreFixture.checklist, by: doctor, at: f.now)
        }
        let id = try f.database.recordScreening(
            Self.decision(visit, computed: .deferred, outcome: .caution, reason: "hết sốt", consent: true),
            checklist: StoreFixture.checklist, by: doctor, at: f.now)
        #expect(try f.database.auditTrail(ofRecord: id).map(\.action) == ["screening-lenient", "screening"])
        #expect(try f.database.queue(at: .waitingInjection).first?.caution == true)
    }

    @Test("every item that applies must be answered, and the vital signs taken or why not said; every answer is kept")
    func askedNotDefaulted() throws {
        let f = try StoreFixture()
        let checklist = StoreFixture.checklist
        let doctor = f.staff(.screeningDoctor).id
        let man = try f.checkIn(try f.person(named: "Đỗ Văn Lâm")).visitID
        func decision(_ visit: UUID, _ answers: ScreeningAnswers, vitals: VitalSigns? = .withinThresholds, reason: String? = nil) -> ScreeningDecision {
            ScreeningDecision(visitID: visit, checklistVersion: checklist.version, answers: answers, computedOutcome: .eligible,
                              outcome: .eligible, consent: true, vitals: vitals, vitalsNotTakenReason: reason)
        }
        // Only the "Có" items, as the old desk sent them: refused, naming what was not asked.
        #expect(throws: VisitError.screeningUnanswered(items: ["1", "2", "3", "5", "6", "7", "8", "9", "10"])) {
            try f.database.recordScreening(decision(man, ScreeningAnswers()), checklist: checklist, by: doctor, at: f.now)
        }
        // A man is not asked about pregnancy; a woman is.
        let manAnswers = checklist.answers(yes: [], for: .male)
        #expect(manAnswers["4a"] == nil)
        #expect(throws: VisitError.vitalSignsMissing) {
            try f.database.recordScreening(decision(man, manAnswers, vitals: VitalSigns(temperature: 36.5)), checklist: checklist, by: doctor, at: f.now)
        }
        let id = try f.database.recordScreening(decision(man, manAnswers, vitals: nil, reason: "Máy đo hỏng"), checklist: checklist, by: doctor, at: f.now)
        let stored = try SQLiteShell.text(f.directory.file("site.db"), "SELECT answered || ' ' || vitals_not_taken FROM screening WHERE id = '\(id)'")
        #expect(stored == #"{"1":false,"10":false,"2":false,"3":false,"5":false,"6":false,"7":false,"8":false,"9":false} Máy đo hỏng"#)
        #expect(try f.database.auditTrail(ofRecord: id).map(\.action) == ["vitals-not-taken", "screening"])

        let woman = try f.checkIn(try f.person(named: "Lê Thị Hoa", sex: .female)).visitID
        #expect(throws: VisitError.screeningUnanswered(items: ["4a", "4b"])) {
            try f.database.recordScreening(decision(woman, manAnswers), checklist: checklist, by: doctor, at: f.now)
        }
        _ = try f.database.recordScreening(decision(woman, checklist.answers(yes: [], for: .female)), checklist: checklist, by: doctor, at: f.now)
    }
}

@Suite("Adverse events in the site store")
struct AdverseEventStoreTests {
    @Test("a serious event alerts until the site lead acknowledges it; nobody else can; events need an injection")
    func seriousEvent() throws {
        let f = try StoreFixture()
        let cleared = try VialTests.cleared(f, 2)
        _ = try f.inject(cleared[0], lot: f.demo.lots[0])
        let nurse = f.staff(.observationNurse).id
        #expect(throws: VisitError.notFound(.injection)) {
            try f.database.recordAdverseEvent(
                AdverseEvent(visitID: cleared[1], onset: f.now, signs: "sốt", severity: .common), by: nurse, at: f.now)
        }
        try f.database.recordAdverseEvent(
            AdverseEvent(visitID: cleared[0], onset: f.now, signs: "đau chỗ tiêm", severity: .common), by: nurse, at: f.now)
        #expect(try f.database.unacknowledgedSeriousEvents().isEmpty)
        let serious = AdverseEvent(visitID: cleared[0], onset: f.now, signs: "khó thở", severity: .common, anaphylaxisGrade: 2)
        #expect(serious.severity == .serious, "anaphylaxis is serious")
        try f.database.recordAdverseEvent(serious, by: nurse, at: f.now)
        let alerts = try f.database.unacknowledgedSeriousEvents()
        #expect(alerts.map(\.id) == [serious.id] && alerts[0].person?.fullName == "Người Số 0" && alerts[0].ticket == 1)
        #expect(throws: VisitError.notPermitted(.acknowledgeAlert, role: .observationNurse)) { try f.database.acknowledgeAdverseEvent(serious.id, by: nurse, at: f.now) }
        try f.database.acknowledgeAdverseEvent(serious.id, by: f.staff(.siteLead).id, at: f.now)
        #expect(try f.database.unacknowledgedSeriousEvents().isEmpty)
        let stored = try f.database.isStored(serious.id, event: .aefi)
        #expect(stored.record && stored.outbox)
    }
}
