import Foundation
import Testing
import VaxCore
import VaxStore

@Suite("Clinical events in the site store")
struct ClinicalEventTests {
    @Test("one person through every station; each event writes its record, outbox row and audit row")
    func wholeVisit() throws {
        let f = try StoreFixture()
        let person = try f.person(named: "Nguyễn Văn Đức")
        let outboxBefore = try f.database.pendingOutboxCount()

        let ticket = try f.checkIn(person)
        #expect(ticket.number == 1)
        #expect(try f.database.queue(at: .waitingScreening).map(\.visitID) == [ticket.visitID])

        _ = try f.screen(ticket.visitID, yes: ["7"])
        let waiting = try f.database.queue(at: .waitingInjection)
        #expect(waiting.map(\.visitID) == [ticket.visitID])
        #expect(waiting[0].caution)

        let injection = try f.inject(ticket.visitID, lot: f.demo.lots[0])
        #expect(injection.observationDue.timeIntervalSince(f.now) == 60 * 60, "caution group: 60 minutes")
        #expect(try f.database.queue(at: .inObservation).first?.observationDue != nil)

        try f.database.discharge(
            visitID: ticket.visitID, earlyReason: nil, by: f.staff(.observationNurse).id, at: injection.observationDue)
        #expect(try f.database.stageCounts() == [.discharged: 1])
        #expect(try f.database.pendingOutboxCount() == outboxBefore + 5, "check-in, screening, vial opened, injection, discharge")
        #expect(try f.database.doseHistory(personID: person.id).map(\.doseNumber) == [1])
        #expect(try f.database.doseHistory(personID: person.id).first?.place == f.demo.site.name, "where it was given")
    }

    @Test("tickets count up, and a person gets one ticket per session")
    func tickets() throws {
        let f = try StoreFixture()
        let a = try f.person(named: "Lê Thị A")
        let b = try f.person(named: "Lê Thị B")
        #expect(try f.checkIn(a).number == 1)
        #expect(try f.checkIn(b).number == 2)
        #expect(throws: VisitError.alreadyCheckedIn(ticket: 1)) { try f.checkIn(a) }
    }

    @Test("nothing clinical is recorded without an open session")
    func noSession() throws {
        let f = try StoreFixture()
        try f.database.closeSession(by: f.lead, at: f.now)
        let outbox = try f.database.pendingOutboxCount()
        let person = try f.person(named: "Lê Thị A")
        #expect(throws: VisitError.noOpenSession) { try f.checkIn(person) }
        #expect(try f.database.pendingOutboxCount() == outbox)
    }

    @Test("a visit another desk moved on is refused, and nothing is written")
    func notAtStage() throws {
        let f = try StoreFixture()
        let ticket = try f.checkIn(try f.person(named: "Lê Thị A"))
        _ = try f.screen(ticket.visitID)
        let outbox = try f.database.pendingOutboxCount()
        #expect(throws: VisitError.notAtStage(expected: .waitingScreening, actual: .waitingInjection)) {
            try f.screen(ticket.visitID)
        }
        #expect(try f.database.pendingOutboxCount() == outbox)
    }

    @Test("deferral and contraindication end the visit at screening", arguments: [
        ("3", VisitStage.deferred), ("1", .contraindicated), ("5", .referred),
    ])
    func endingOutcomes(item: String, stage: VisitStage) throws {
        let f = try StoreFixture()
        let ticket = try f.checkIn(try f.person(named: "Lê Thị A"))
        _ = try f.screen(ticket.visitID, yes: [item])
        #expect(try f.database.stageCounts() == [stage: 1])
        #expect(try f.database.queue(at: .waitingInjection).isEmpty)
    }

    @Test("an expired lot is refused")
    func expiredLot() throws {
        let f = try StoreFixture(lotExpiry: LocalDate(year: 2021, month: 1, day: 1)!)
        let ticket = try f.checkIn(try f.person(named: "Lê Thị A"))
        _ = try f.screen(ticket.visitID)
        #expect(throws: VisitError.lotExpired(expiry: "2021-01-01")) {
            try f.inject(ticket.visitID, lot: f.demo.lots[1])
        }
    }

    @Test("discharge before the due time needs a reason")
    func earlyDischarge() throws {
        let f = try StoreFixture()
        let ticket = try f.checkIn(try f.person(named: "Lê Thị A"))
        _ = try f.screen(ticket.visitID)
        let injection = try f.inject(ticket.visitID, lot: f.demo.lots[0], arm: .right)
        let early = f.now.addingTimeInterval(10 * 60)
        #expect {
            try f.database.discharge(visitID: ticket.visitID, earlyReason: "", by: f.staff(.observationNurse).id, at: early)
        } throws: { error in
            guard case VisitError.observationNotOver(let due) = error else { return false }
            return abs(due.timeIntervalSince(injection.observationDue)) < 0.001
        }
        try f.database.discharge(visitID: ticket.visitID, earlyReason: "Người nhà đưa về",
                                 by: f.staff(.observationNurse).id, at: early)
        #expect(try f.database.stageCounts() == [.discharged: 1])
    }

    @Test("setting up a site twice changes nothing the second time")
    func setUpOnce() throws {
        let f = try StoreFixture()
        let again = try f.database.createSite(
            f.demo.site, staff: f.demo.staff, session: f.demo.session, lots: f.demo.lots, openedBy: nil, at: f.now)
        #expect(!again)
        #expect(try f.database.staff().count == f.demo.staff.count)
    }

    @Test("the file passes SQLite's integrity check")
    func integrity() throws {
        let f = try StoreFixture()
        #expect(try f.database.integrityCheck() == "ok")
    }
}
