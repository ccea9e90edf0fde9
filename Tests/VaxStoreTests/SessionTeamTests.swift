import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// The session's work is its team's: a nurse not on the team records nothing until the site lead adds
/// them; the site lead always may.
@Suite("The session's team")
struct SessionTeamTests {
    @Test("a check-in nurse not on the team is refused in words; added by the site lead (audited), she checks people in")
    func teamEnforced() throws {
        let f = try StoreFixture()
        let lead = f.staff(.siteLead).id
        try f.database.closeSession(by: lead, at: f.now)
        let lot = VaccineLot(sessionID: UUID(), productCode: "pfizer", lotNumber: "FK5127",
                             expiry: LocalDate(year: 2027, month: 12, day: 31)!, dosesReceived: 60)
        let vaccinator = f.staff(.vaccinator)
        _ = try f.database.openSession(day: LocalDay.of(f.now), place: "Nhà văn hóa", team: [vaccinator.id], lots: [lot],
                                       planned: nil, by: lead, at: f.now)
        let nurse = f.staff(.checkInNurse)
        #expect(try f.database.openSession()?.team == [vaccinator.id, lead], "the team, with the lead who opened it")
        let person = try f.person(named: "Đinh Văn Kíp")
        let outbox = try f.database.pendingOutboxCount()
        #expect(throws: VisitError.notOnTeam) { try f.checkIn(person) }
        #expect(try f.database.pendingOutboxCount() == outbox, "nothing recorded")

        // The site lead checks people in without being added; then adds the nurse.
        _ = try f.checkIn(try f.person(named: "Hà Thị Lead"), by: .siteLead)
        #expect(throws: VisitError.unknownStaffCode("ZZ99")) { try f.database.addToTeam(["ZZ99"], by: lead, at: f.now) }
        #expect(throws: VisitError.notPermitted(.openSession, role: .checkInNurse)) {
            try f.database.addToTeam([nurse.code], by: nurse.id, at: f.now)
        }
        #expect(try f.database.addToTeam([nurse.code.lowercased(), vaccinator.code], by: lead, at: f.now).map(\.code) == [nurse.code])
        _ = try f.checkIn(person)
        let trail = try f.database.auditTrail(limit: 5, by: lead)
        #expect(trail.contains { $0.action == "team-added" && $0.detail == nurse.code })
    }

    @Test("`vaxdesk session team --add` adds codes separated by commas or spaces; the list shows the team")
    func command() throws {
        let directory = TemporaryDirectory("session-team")
        let db = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", db, "--people", "10", "--setup-only"]).status == 0)
        let listed = try BuiltProgram.run(["session", "team", "--db", db, "--by", "PT01", "--lang", "en"], input: "2468\n")
        #expect(listed.status == 0 && listed.output.contains("DD02"), "\(listed.output)")
        let added = try BuiltProgram.runWithErrors(["session", "team", "--db", db, "--by", "PT01", "--add", "DD02, TI01", "--lang", "en"],
                                                   input: "2468\n")
        #expect(added.status == 0 && added.output.contains("Added 0 to the team"), "\(added.output) \(added.errors)")
        let unknown = try BuiltProgram.runWithErrors(["session", "team", "--db", db, "--by", "PT01", "--add", "XX01", "--lang", "en"],
                                                     input: "2468\n")
        #expect(unknown.status == 1 && unknown.errors.contains("XX01"), "\(unknown.errors)")
    }
}
