import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// The end of a session: its report agrees with the database, and it closes only when nothing is left
/// unresolved.
@Suite("Closing a session and its report", .serialized)
struct SessionReportTests {
    /// A number the sqlite3 shell reads from the file: an oracle independent of the report's own SQL.
    static func count(_ path: String, _ sql: String) -> Int { (try? SQLiteShell.scalar(path, sql)) ?? -1 }


    @Test("the report of a simulated day matches counts taken from the database; then the session closes")
    func simulatedDay() throws {
        let directory = TemporaryDirectory("report")
        let path = directory.file("site.db")
        #expect(try BuiltProgram.run(["simulate", "--db", path, "--desks", "2", "--people", "120", "--seed", "3"]).status == 0)
        let (status, json) = try BuiltProgram.run(["report", "session", "--db", path, "--format", "json", "--by", "PT01"], input: "2468\n")
        #expect(status == 0)
        let report = try JSONDecoder().decode(SessionReport.self, from: Data(json.utf8))
        #expect(report.vaccinated == Self.count(path, "SELECT COUNT(*) FROM injection"))
        #expect(report.vaccinated > 60)
        #expect(report.checkedIn == Self.count(path, "SELECT COUNT(*) FROM visit"))
        #expect(report.deferred == Self.count(path, "SELECT COUNT(*) FROM screening WHERE outcome = 'deferred'"))
        #expect(report.contraindicated == Self.count(path, "SELECT COUNT(*) FROM screening WHERE outcome = 'contraindicated'"))
        #expect(report.referred == Self.count(path, "SELECT COUNT(*) FROM screening WHERE outcome = 'referred'"))
        for product in ["pfizer", "astrazeneca"] {
            #expect(report.byProduct[product, default: 0]
                == Self.count(path, "SELECT COUNT(*) FROM injection WHERE product_code = '\(product)'"))
        }
        #expect(report.bySex["F", default: 0] == Self.count(path, """
            SELECT COUNT(*) FROM injection i JOIN visit v ON v.id = i.visit_id JOIN person p ON p.id = v.person_id
            WHERE p.sex = 'F'
            """))
        #expect(report.byAgeGroup.values.reduce(0, +) == report.vaccinated)
        #expect(report.byDoseNumber.values.reduce(0, +) == report.vaccinated)
        // Vials: every dose of every opened vial is given or wasted, and each lot's counts agree.
        for lot in report.lots {
            #expect(lot.dosesInOpenedVials == lot.dosesGiven + lot.dosesWasted, "\(lot.product) \(lot.lot)")
            #expect(lot.dosesReturned == lot.dosesReceived - lot.dosesInOpenedVials)
        }
        #expect(report.lots.map(\.dosesGiven).reduce(0, +) == report.vaccinated)
        #expect(report.lots.map(\.dosesWasted).reduce(0, +)
            == Self.count(path, "SELECT COALESCE(SUM(doses_wasted), 0) FROM vial"))

        let closed = try BuiltProgram.run(["session", "close", "--db", path, "--by", "PT01"], input: "2468\n")
        #expect(closed.status == 0)
        #expect(closed.output.contains("BÁO CÁO BUỔI TIÊM"))
        #expect(Self.count(path, "SELECT COUNT(*) FROM session WHERE status = 'closed'") == 1)
        #expect(try BuiltProgram.run(["session", "close", "--db", path, "--by", "PT01"], input: "2468\n").status != 0)
        let database = try AppDatabase(path: path)
        #expect(try database.sessionReport().status == "closed")
    }

    @Test("closing is refused while a person is under observation or a vial is open, and by anyone but the site lead")
    func refusals() throws {
        let f = try StoreFixture()
        let ticket = try f.checkIn(try f.person(named: "Hà Văn Tư"))
        _ = try f.screen(ticket.visitID)
        _ = try f.inject(ticket.visitID, lot: f.demo.lots[0])
        #expect(throws: VisitError.notPermitted(.closeSession, role: .checkInNurse)) { try f.database.closeSession(by: f.staff(.checkInNurse).id, at: f.now) }
        #expect(throws: VisitError.sessionNotResolved(inObservation: 1, openVials: 1, waiting: 0)) {
            try f.database.closeSession(by: f.staff(.siteLead).id, at: f.now)
        }
        try f.database.discharge(visitID: ticket.visitID, earlyReason: "test", by: f.staff(.observationNurse).id, at: f.now)
        #expect(throws: VisitError.sessionNotResolved(inObservation: 0, openVials: 1, waiting: 0)) {
            try f.database.closeSession(by: f.staff(.siteLead).id, at: f.now)
        }
        let vial = try #require(try f.database.sessionVials().first)
        try f.database.discardVial(vial.id, reason: "hết buổi", by: f.staff(.vaccinator).id, at: f.now)
        try f.database.closeSession(by: f.staff(.siteLead).id, at: f.now)
        #expect(try f.database.openSession() == nil)
        // Closed: nothing clinical is recorded any more.
        #expect(throws: VisitError.noOpenSession) { try f.checkIn(try f.person(named: "Người Đến Muộn")) }
    }

    @Test("people still waiting keep the session open until recorded as going home without a dose; the report counts them by queue")
    func stillWaitingAtClose() throws {
        let f = try StoreFixture()
        let forScreening = try f.checkIn(try f.person(named: "Chờ Khám Hai"))
        let forInjection = try f.checkIn(try f.person(named: "Chờ Tiêm Hai"))
        _ = try f.screen(forInjection.visitID)
        #expect(throws: VisitError.sessionNotResolved(inObservation: 0, openVials: 0, waiting: 2)) {
            try f.database.closeSession(by: f.lead, at: f.now)
        }
        #expect(try f.database.stillWaiting().map(\.ticket) == [forScreening.number, forInjection.number])
        #expect(throws: VisitError.leftWithoutDoseReasonRequired) { try f.database.recordLeftWithoutDose(reason: " ", by: f.lead, at: f.now) }
        #expect(throws: VisitError.notPermitted(.closeSession, role: .checkInNurse)) {
            try f.database.recordLeftWithoutDose(reason: "Hết giờ", by: f.staff(.checkInNurse).id, at: f.now)
        }
        #expect(try f.database.recordLeftWithoutDose(reason: "Hết giờ", by: f.lead, at: f.now) == 2)
        try f.database.closeSession(by: f.lead, at: f.now)
        let report = try f.database.sessionReport()
        #expect(report.leftWithoutDose == ["waiting-screening": 1, "waiting-injection": 1])
        #expect(report.checkedIn == 2)
        #expect(try f.database.auditTrail(ofRecord: forScreening.visitID).map(\.action).contains("left-without-dose"))
    }

    @Test("`vaxdesk session close` lists who still waits and stays open; with --left-without-dose it closes and reports them")
    func closeCommand() throws {
        let directory = TemporaryDirectory("close-waiting")
        let path = directory.file("site.db")
        #expect(try BuiltProgram.run(["simulate", "--db", path, "--desks", "1", "--people", "20", "--seed", "8"]).status == 0)
        let database = try AppDatabase(path: path)
        let people = try database.rosterPeople(first: 60).suffix(3)
        let nurse = try #require(try database.staff().first { $0.role == .checkInNurse })
        for person in people { _ = try? database.checkIn(personID: person.id, catalog: StoreFixture.catalog, by: nurse.id, at: Date()) }
        let waiting = try database.stillWaiting().count
        #expect(waiting > 0)
        let refused = try BuiltProgram.runWithErrors(["session", "close", "--db", path, "--by", "PT01", "--lang", "en"], input: "2468\n")
        #expect(refused.status == 1)
        #expect(refused.errors.contains("\(waiting) people are still waiting: the session stays open"), "\(refused.errors)")
        #expect(refused.errors.contains("waiting for screening"))
        let closed = try BuiltProgram.runWithErrors(["session", "close", "--db", path, "--by", "PT01", "--lang", "en",
                                                     "--left-without-dose", "End of the day"], input: "2468\n")
        #expect(closed.status == 0, "\(closed.errors)")
        #expect(closed.output.contains("\(waiting) people recorded as leaving without a dose."))
        #expect(closed.output.contains("Left without a dose (still waiting at the close): for screening \(waiting), for injection 0"))
    }

    @Test("the dashboard counts stages, waits, vials, lots and what waits to be sent")
    func dashboard() throws {
        let f = try StoreFixture()
        let waiting = try f.checkIn(try f.person(named: "Chờ Khám Một"))
        let injected = try f.checkIn(try f.person(named: "Đã Tiêm Một"))
        _ = try f.screen(injected.visitID)
        _ = try f.inject(injected.visitID, lot: f.demo.lots[0])
        let board = try #require(try f.database.dashboard(by: f.lead))
        #expect(board.stageCounts == [.waitingScreening: 1, .inObservation: 1])
        #expect(board.waitingSince[.waitingScreening]?.count == 1)
        #expect(board.waits(at: .waitingScreening, now: f.now.addingTimeInterval(7.5 * 60)).longest == 7, "stored to the millisecond")
        #expect(board.vaccinated == 1 && board.openVials.count == 1 && board.openVials[0].dosesLeft == 5)
        #expect(board.lots.first { $0.lot == f.demo.lots[0].lotNumber }?.dosesGiven == 1)
        #expect(board.outboxPending == (try f.database.pendingOutboxCount()))
        _ = waiting
    }

    @Test("only a site lead opens a session, and only when none is open; the team includes the lead")
    func opening() throws {
        let f = try StoreFixture()
        let lot = VaccineLot(sessionID: UUID(), productCode: "moderna", lotNumber: "M77", expiry: LocalDate(year: 2027, month: 12, day: 31)!, dosesReceived: 100)
        #expect(throws: VisitError.notPermitted(.openSession, role: .checkInNurse)) {
            try f.database.openSession(day: "2026-11-27", place: "Nhà văn hóa", team: [], lots: [lot], planned: nil,
                                       by: f.staff(.checkInNurse).id, at: f.now)
        }
        #expect(throws: VisitError.sessionAlreadyOpen) {
            try f.database.openSession(day: "2026-11-27", place: "Nhà văn hóa", team: [], lots: [lot], planned: nil,
                                       by: f.staff(.siteLead).id, at: f.now)
        }
        try f.database.closeSession(by: f.staff(.siteLead).id, at: f.now)
        let session = try f.database.openSession(day: "2026-11-27", place: "Nhà văn hóa", team: [f.staff(.vaccinator).id],
                                                 lots: [lot], planned: 120, by: f.staff(.siteLead).id, at: f.now)
        #expect(try f.database.openSession()?.id == session.id)
        #expect(try f.database.lots(sessionID: session.id).map(\.lotNumber) == ["M77"])
        #expect(try f.database.sessions().map(\.status) == [.open, .closed])
        let stored = try f.database.isStored(session.id, event: .sessionOpened)
        #expect(stored.record && stored.outbox)
    }

    @Test("after closing, an injection changes only by an amendment: site lead, reason, audited, queued, reported")
    func amendment() throws {
        let f = try StoreFixture()
        let ticket = try f.checkIn(try f.person(named: "Lò Văn Sửa"))
        _ = try f.screen(ticket.visitID)
        let injection = try f.inject(ticket.visitID, lot: f.demo.lots[0])
        try f.database.discharge(visitID: ticket.visitID, earlyReason: "test", by: f.staff(.observationNurse).id, at: f.now)
        let vial = try #require(try f.database.sessionVials().first { $0.closedAt == nil })
        try f.database.discardVial(vial.id, reason: "hết buổi", by: f.staff(.vaccinator).id, at: f.now)
        try f.database.closeSession(by: f.staff(.siteLead).id, at: f.now)
        let other = f.demo.lots[1]
        #expect(throws: VisitError.amendmentReasonRequired) {
            try f.database.amendInjection(injection.injectionID, .lot(other.lotNumber), reason: " ", by: f.staff(.siteLead).id, at: f.now)
        }
        #expect(throws: VisitError.notPermitted(.amendRecord, role: .vaccinator)) {
            try f.database.amendInjection(injection.injectionID, .arm(.right), reason: "ghi nhầm", by: f.staff(.vaccinator).id, at: f.now)
        }
        #expect(throws: VisitError.lotNotInSession) {
            try f.database.amendInjection(injection.injectionID, .lot("KHÔNG CÓ"), reason: "ghi nhầm", by: f.staff(.siteLead).id, at: f.now)
        }
        let outbox = try f.database.pendingOutboxCount()
        let id = try f.database.amendInjection(injection.injectionID, .lot(other.lotNumber), reason: "Lọ lấy từ lô khác",
                                               by: f.staff(.siteLead).id, at: f.now)
        #expect(try f.database.pendingOutboxCount() == outbox + 1)
        #expect(try f.database.auditTrail(ofRecord: id).map(\.action) == ["amendment"])
        let report = try f.database.sessionReport()
        #expect(report.byProduct == [other.productCode: 1])
    }
}
