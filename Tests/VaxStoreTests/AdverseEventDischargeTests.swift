import Foundation
import Testing
import TestSupport
import VaxCore
@testable import VaxStore

/// A person with an adverse event is marked on the board, does not leave early without a decision,
/// and after a serious one leaves only referred or with an outcome; the certificate says so.
@Suite("Leaving after an adverse event")
struct AdverseEventDischargeTests {
    /// A person injected just now, with an adverse event of `severity` recorded.
    static func injectedWithEvent(_ f: StoreFixture, _ severity: AdverseEvent.Severity, referral: String? = nil) throws
        -> (visit: UUID, event: AdverseEvent)
    {
        let ticket = try f.checkIn(try f.person(named: "Lê Thị A"))
        _ = try f.screen(ticket.visitID)
        _ = try f.inject(ticket.visitID, lot: f.demo.lots[0], arm: .left)
        let event = AdverseEvent(visitID: ticket.visitID, onset: f.now, signs: "Khó thở, nổi mẩn", severity: severity,
                                 actions: "Adrenalin 0,3 mg tiêm bắp", referral: referral)
        try f.database.recordAdverseEvent(event, by: f.staff(.observationNurse).id, at: f.now)
        return (ticket.visitID, event)
    }

    @Test("a serious event: the board marks it; no discharge without a referral or an outcome, even when due")
    func seriousNeedsAnEnd() throws {
        let f = try StoreFixture()
        let (visit, event) = try Self.injectedWithEvent(f, .serious)
        let entry = try #require(try f.database.queue(at: .inObservation).first)
        #expect(entry.adverseEvent == .serious && entry.adverseEventUnresolved)
        let later = f.now.addingTimeInterval(45 * 60)
        let nurse = f.staff(.observationNurse).id
        #expect(throws: VisitError.seriousEventUnresolved) {
            try f.database.discharge(visitID: visit, earlyReason: nil, by: nurse, at: later)
        }
        #expect(throws: VisitError.seriousEventUnresolved, "a reason is not an outcome") {
            try f.database.discharge(visitID: visit, earlyReason: "người nhà xin về", by: nurse, at: f.now)
        }
        let outbox = try f.database.pendingOutboxCount()
        // An outcome recorded is the decision: early is allowed then.
        try f.database.discharge(visitID: visit, earlyReason: nil, adverseEvent: .outcome(.recovering), by: nurse, at: f.now.addingTimeInterval(60))
        #expect(try SQLiteShell.text(f.directory.file("site.db"), "SELECT outcome FROM aefi WHERE id = '\(event.id.uuidString)'") == "recovering")
        #expect(try f.database.pendingOutboxCount() == outbox + 2, "the discharge, and the event again with its outcome")
        let certificate = try f.database.certificate(visitID: visit, at: later)
        #expect(certificate.doses.last?.adverseEvent == .serious)
    }

    @Test("a serious event referred when it was recorded leaves as usual; one referred at discharge keeps where to")
    func referral() throws {
        let f = try StoreFixture()
        let nurse = f.staff(.observationNurse).id
        let (referred, _) = try Self.injectedWithEvent(f, .serious, referral: "Bệnh viện đa khoa Kiên Giang")
        #expect(try f.database.queue(at: .inObservation).first?.adverseEventUnresolved == false)
        try f.database.discharge(visitID: referred, earlyReason: "chuyển viện", by: nurse, at: f.now)

        let second = try f.checkIn(try f.person(named: "Trần Văn B"))
        _ = try f.screen(second.visitID)
        _ = try f.inject(second.visitID, lot: f.demo.lots[0], arm: .left)
        let event = AdverseEvent(visitID: second.visitID, onset: f.now, signs: "Tụt huyết áp", severity: .serious)
        try f.database.recordAdverseEvent(event, by: nurse, at: f.now)
        try f.database.discharge(visitID: second.visitID, earlyReason: nil, adverseEvent: .referred(to: "Bệnh viện 115"), by: nurse, at: f.now)
        #expect(try SQLiteShell.text(f.directory.file("site.db"), "SELECT referral FROM aefi WHERE id = '\(event.id.uuidString)'") == "Bệnh viện 115")
    }

    @Test("a common event: marked, and leaving early still needs the decision written")
    func commonEvent() throws {
        let f = try StoreFixture()
        let (visit, _) = try Self.injectedWithEvent(f, .common)
        let entry = try #require(try f.database.queue(at: .inObservation).first)
        #expect(entry.adverseEvent == .common && !entry.adverseEventUnresolved)
        let nurse = f.staff(.observationNurse).id
        #expect(throws: (any Error).self) { try f.database.discharge(visitID: visit, earlyReason: nil, by: nurse, at: f.now) }
        try f.database.discharge(visitID: visit, earlyReason: "BS01 cho về, đã hết mẩn", by: nurse, at: f.now)
        #expect(try f.database.certificate(visitID: visit, at: f.now).doses.last?.adverseEvent == .common)
    }
}
