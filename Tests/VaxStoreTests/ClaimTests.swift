import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// Two desks never work on one person: the desk that calls claims them, the other sees it and cannot
/// call or record; a desk that died leaves nobody stuck.
@Suite("Claims on the person called", .serialized)
struct ClaimTests {
    static func decision(_ visit: UUID) -> ScreeningDecision {
        ScreeningDecision(visitID: visit, checklistVersion: StoreFixture.checklist.version,
                          answers: StoreFixture.checklist.answers(yes: []), computedOutcome: .eligible, outcome: .eligible,
                          consent: true, vitals: .withinThresholds)
    }

    @Test("the second desk to call is refused, sees who has the person, and cannot record; a release frees them")
    func twoDesks() throws {
        let f = try StoreFixture()
        let path = f.directory.file("site.db")
        let deskA = f.database
        let deskB = try AppDatabase(path: path)
        let doctor = f.staff(.screeningDoctor)
        let visit = try f.checkIn(try f.person(named: "Võ Thị Mai", sex: .female)).visitID

        try deskA.claimVisit(visit, at: .waitingScreening, by: doctor.id, at: f.now)
        try deskA.claimVisit(visit, at: .waitingScreening, by: doctor.id, at: f.now + 60)  // renewing one's own
        #expect(throws: VisitError.claimedElsewhere(code: doctor.code, name: doctor.fullName)) {
            try deskB.claimVisit(visit, at: .waitingScreening, by: doctor.id, at: f.now + 61)
        }
        #expect(try deskB.queue(at: .waitingScreening).first { $0.visitID == visit }?.claimedBy == doctor.code)
        #expect(try deskA.queue(at: .waitingScreening).first { $0.visitID == visit }?.claimedBy == nil, "its own claim is not 'elsewhere'")
        #expect(throws: VisitError.claimedElsewhere(code: doctor.code, name: doctor.fullName)) {
            try deskB.recordScreening(Self.decision(visit), checklist: StoreFixture.checklist, by: doctor.id, at: f.now + 62)
        }

        try deskB.releaseClaim(visit)  // not B's: nothing happens
        #expect(try deskB.queue(at: .waitingScreening).first { $0.visitID == visit }?.claimedBy == doctor.code)
        try deskA.releaseClaim(visit)
        try deskB.claimVisit(visit, at: .waitingScreening, by: doctor.id, at: f.now + 63)
        try deskB.recordScreening(Self.decision(visit), checklist: StoreFixture.checklist, by: doctor.id, at: f.now + 64)
        // Recorded: the claim went with the stage.
        #expect(try SQLiteShell.text(path, "SELECT COALESCE(claim_holder, 'none') FROM visit WHERE id = '\(visit.uuidString)'") == "none")
    }

    @Test("a claim of a desk whose process is gone is free at once; only the roles of the station may claim")
    func deadDesk() throws {
        let f = try StoreFixture()
        let path = f.directory.file("site.db")
        let doctor = f.staff(.screeningDoctor)
        let visit = try f.checkIn(try f.person(named: "Lý Văn Tài")).visitID
        // A desk process that is gone (a child that has exited) held the claim a minute ago.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let holder = "\(ProcessInfo.processInfo.hostName):\(child.processIdentifier):deadbeef"
        try SQLiteShell.text(path, """
            UPDATE visit SET claimed_by = '\(doctor.id.uuidString)', claim_holder = '\(holder)',
                claimed_at = strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 minute') WHERE id = '\(visit.uuidString)'
            """)
        #expect(try f.database.queue(at: .waitingScreening).first { $0.visitID == visit }?.claimedBy == nil)
        try f.database.claimVisit(visit, at: .waitingScreening, by: doctor.id, at: Date())
        #expect(throws: VisitError.notPermitted(.recordScreening, role: .checkInNurse)) {
            try f.database.claimVisit(visit, at: .waitingScreening, by: f.staff(.checkInNurse).id, at: Date())
        }
    }
}
