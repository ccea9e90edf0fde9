import Foundation
import Synchronization
import TestSupport
import GRDB
import Testing
import VaxCore
import VaxStore

/// Who may do what, checked in the store itself (a desk or a command line cannot get around it), and
/// the PINs that prove who is at a desk.
@Suite("Roles, acts and PINs")
struct AccessTests {
    /// The role × act matrix as the site works, written out here rather than read from the code:
    /// columns are check-in nurse, screening doctor, vaccinator, observation nurse, site lead.
    static let expected: [Act: String] = [
        .checkIn: "x . . . x",
        .registerWalkIn: "x . . . x",
        .recordPaperDose: "x . . . x",
        .correctPerson: "x . . . x",
        .overrideDose: ". . . . x",
        .recordScreening: ". x . . .",
        .openVial: ". . x . x",
        .discardVial: ". . x . x",
        .inject: ". . x . .",
        .recordAdverseEvent: ". x . x x",
        .discharge: ". . . x x",
        .printCertificate: "x . . x x",
        .manageSigning: ". . . . x",
        .acknowledgeAlert: ". . . . x",
        .importRoster: ". . . . x",
        .manageStaff: ". . . . x",
        .openSession: ". . . . x",
        .closeSession: ". . . . x",
        .amendRecord: ". . . . x",
        .viewDashboard: ". . . . x",
        .browseAudit: ". . . . x",
        .exportRecords: ". . . . x",
        .manageSync: ". . . . x",
        .voidRecord: ". . . . x",
        .mergePeople: ". . . . x",
    ]

    static let roles: [Role] = [.checkInNurse, .screeningDoctor, .vaccinator, .observationNurse, .siteLead]

    static func allowed(_ act: Act) -> Set<Role> {
        let marks = expected[act]!.split(separator: " ")
        return Set(zip(roles, marks).filter { $0.1 == "x" }.map(\.0))
    }

    @Test("the rules name exactly the roles of the table, for every act (a new act allows nobody)")
    func table() {
        #expect(Set(Self.expected.keys) == Set(Act.allCases), "every act has a row")
        for act in Act.allCases {
            #expect(act.allowedRoles == Self.allowed(act), "\(act)")
        }
    }

    @Test("every cell: the store does the act for an allowed role and refuses every other", arguments: Act.allCases)
    func matrix(act: Act) throws {
        for role in Self.roles {
            let f = try StoreFixture(people: 0)
            let attempt = try Self.prepare(act, f)
            let staffID = f.staff(role).id
            if Self.allowed(act).contains(role) {
                #expect(throws: Never.self, "\(role) may \(act)") { try attempt(staffID) }
            } else {
                try Self.expectRefused(role, act) { try attempt(staffID) }
            }
        }
        // Someone not on the staff list may do nothing.
        let f = try StoreFixture(people: 0)
        try Self.expectRefused(nil, act) { try Self.prepare(act, f)(UUID()) }
    }

    /// The refusal names the role; the act is this one, or the one it is part of (a nurse's override
    /// is refused as an override, a doctor's as a check-in).
    static func expectRefused(_ role: Role?, _ act: Act, _ attempt: () throws -> Void) throws {
        do {
            try attempt()
            Issue.record("\(role.map(\.rawValue) ?? "nobody") was let \(act)")
        } catch VisitError.notPermitted(_, let refusedRole) {
            #expect(refusedRole == role)
        }
    }

    /// Sets up what the act needs (by the roles that may), and returns the act itself, by `staffID`.
    static func prepare(_ act: Act, _ f: StoreFixture) throws -> (UUID) throws -> Void {
        let db = f.database
        let catalog = StoreFixture.catalog
        func injected() throws -> (visitID: UUID, injectionID: UUID) {
            let ticket = try f.checkIn(try f.person(named: "Lê Thị Tiêm"))
            _ = try f.screen(ticket.visitID)
            return (ticket.visitID, try f.inject(ticket.visitID, lot: f.demo.lots[0]).injectionID)
        }
        switch act {
        case .checkIn:
            let person = try f.person(named: "Nguyễn Văn Đến")
            return { _ = try db.checkIn(personID: person.id, catalog: catalog, by: $0, at: f.now) }
        case .registerWalkIn:
            let person = Person(fullName: "Trần Văn Mới", birthDate: BirthDate(year: 1990, month: 2, day: 3)!, sex: .male)
            return { try db.registerWalkIn(person, by: $0, at: f.now) }
        case .recordPaperDose:
            let person = try f.person(named: "Phạm Văn Giấy")
            let dose = BackfillDose(identityNumber: nil, fullName: nil, birthDate: nil,
                                    dose: PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-08-10"))
            return { try db.backfillDose(dose, personID: person.id, source: "sổ giấy", by: $0, at: f.now) }
        case .overrideDose:
            let person = try CheckInRuleTests.personWithDose(f, daysAgo: 10)
            return { _ = try db.checkIn(personID: person.id, catalog: catalog, override: "đi xa", by: $0, at: f.now) }
        case .recordScreening:
            let ticket = try f.checkIn(try f.person(named: "Võ Văn Khám"))
            let decision = ScreeningDecision(
                visitID: ticket.visitID, checklistVersion: StoreFixture.checklist.version,
                answers: StoreFixture.checklist.answers(yes: []), computedOutcome: .eligible, outcome: .eligible,
                consent: true, vitals: .withinThresholds)
            return { _ = try db.recordScreening(decision, checklist: StoreFixture.checklist, by: $0, at: f.now) }
        case .openVial:
            return { _ = try db.openVial(lotID: f.demo.lots[0].id, catalog: catalog, by: $0, at: f.now) }
        case .discardVial:
            let vial = try db.openVial(lotID: f.demo.lots[0].id, catalog: catalog, by: f.staff(.vaccinator).id, at: f.now)
            return { _ = try db.discardVial(vial.id, reason: "rơi vỡ", by: $0, at: f.now) }
        case .inject:
            let ticket = try f.checkIn(try f.person(named: "Đỗ Văn Tiêm"))
            _ = try f.screen(ticket.visitID)
            let vial = try db.openVial(lotID: f.demo.lots[0].id, catalog: catalog, by: f.staff(.vaccinator).id, at: f.now)
            return {
                _ = try db.recordInjection(visitID: ticket.visitID, vialID: vial.id, arm: .left, observation: f.policy,
                                           by: $0, at: f.now)
            }
        case .recordAdverseEvent:
            let visit = try injected().visitID
            return {
                try db.recordAdverseEvent(AdverseEvent(visitID: visit, onset: f.now, signs: "đau", severity: .common),
                                          by: $0, at: f.now)
            }
        case .discharge:
            let visit = try injected().visitID
            return { _ = try db.discharge(visitID: visit, earlyReason: "người nhà đón", by: $0, at: f.now) }
        case .printCertificate:
            let injection = try injected().injectionID
            return { try db.recordCertificatePrinted(injection, by: $0, at: f.now) }
        case .acknowledgeAlert:
            let event = AdverseEvent(visitID: try injected().visitID, onset: f.now, signs: "khó thở", severity: .serious)
            try db.recordAdverseEvent(event, by: f.staff(.observationNurse).id, at: f.now)
            return { try db.acknowledgeAdverseEvent(event.id, by: $0, at: f.now) }
        case .importRoster:
            let entry = RosterEntry(person: Person(fullName: "Hồ Văn Danh", birthDate: BirthDate(year: 1970), sex: .male))
            return { _ = try db.importRoster([entry], by: $0, at: f.now) }
        case .manageStaff:
            return { _ = try db.importStaff([Staff(code: "TI09", fullName: "Phan Văn Út", role: .vaccinator)], by: $0, at: f.now) }
        case .openSession:
            try db.closeSession(by: f.lead, at: f.now)
            let lot = VaccineLot(sessionID: UUID(), productCode: "moderna", lotNumber: "M77", expiry: LocalDate(year: 2099, month: 12, day: 31)!,
                                 dosesReceived: 100)
            return {
                _ = try db.openSession(day: LocalDay.of(f.now), place: "Nhà văn hóa", team: [], lots: [lot], planned: nil,
                                       by: $0, at: f.now)
            }
        case .closeSession:
            return { try db.closeSession(by: $0, at: f.now) }
        case .mergePeople:
            let one = try f.person(named: "Hồ Văn Trùng", born: BirthDate(year: 1970, month: 4, day: 4)!)
            let two = try f.person(named: "Ho Van Trung", born: BirthDate(year: 1970, month: 4, day: 4)!)
            return { try db.mergePeople(keep: one.id, merged: two.id, reason: "hai lần đăng ký", by: $0, at: f.now) }
        case .voidRecord:
            let (_, injection) = try injected()
            return { try db.voidRecord(.injection(injection, dose: .wasted), reason: "ghi nhầm người", by: $0, at: f.now) }
        case .correctPerson:
            let person = try f.person(named: "Lý Văn Sửa")
            let correction = PersonCorrection(changes: [.phone: "0912345678"], reason: "theo giấy tờ")
            return {
                try db.correctPerson(person.id, correction, provinces: StoreFixture.provinces, catalog: catalog, by: $0, at: f.now)
            }
        case .amendRecord:
            let (visit, injection) = try injected()
            try db.discharge(visitID: visit, earlyReason: "về", by: f.staff(.observationNurse).id, at: f.now)
            for vial in try db.sessionVials() where vial.closedAt == nil {
                _ = try db.discardVial(vial.id, reason: "hết buổi", by: f.staff(.vaccinator).id, at: f.now)
            }
            try db.closeSession(by: f.lead, at: f.now)
            return { _ = try db.amendInjection(injection, .arm(.right), reason: "ghi nhầm tay", by: $0, at: f.now) }
        case .viewDashboard:
            return { _ = try db.dashboard(by: $0) }
        case .browseAudit:
            return { _ = try db.auditTrail(limit: 10, by: $0) }
        case .exportRecords:
            return { try db.recordExport("session report", by: $0, at: f.now) }
        case .manageSync:
            return { _ = try db.requeueQuarantined(by: $0, at: f.now) }
        case .manageSigning:
            let signer = StoredDocumentSigner(kid: "0011223344556677", certificate: [0x30], subject: "CN=Trạm",
                                              notBefore: f.now, notAfter: f.now + 86_400, installedAt: f.now)
            return { try db.installDocumentSigner(signer, by: $0, at: f.now) }
        }
    }

    @Test("a site lead resets a PIN; nobody else may, and a PIN is 4 to 8 digits")
    func reset() throws {
        let f = try StoreFixture(people: 0)
        #expect(throws: VisitError.notPermitted(.manageStaff, role: .checkInNurse)) {
            try f.database.setPIN("1234", forCode: "DD01", by: f.staff(.checkInNurse).id, at: f.now)
        }
        #expect(throws: VisitError.malformedPIN) { try f.database.setPIN("12a4", forCode: "DD01", by: f.lead, at: f.now) }
        #expect(throws: VisitError.malformedPIN) { try f.database.setPIN("123", forCode: "DD01", by: f.lead, at: f.now) }
        #expect(throws: VisitError.unknownStaffCode("XX99")) { try f.database.setPIN("1234", forCode: "XX99", by: f.lead, at: f.now) }
        #expect(throws: SignInRefusal.noPIN) { try f.database.signIn(code: "DD01", pin: "1234", at: f.now) }
        try f.database.setPIN("1234", forCode: "dd01", by: f.lead, at: f.now)
        #expect(try f.database.signIn(code: " dd01 ", pin: "1234", at: f.now).code == "DD01")
        #expect(throws: SignInRefusal.unknownCode) { try f.database.signIn(code: "ZZ01", pin: "1234", at: f.now) }
    }

    @Test("five wrong PINs lock the account, each further one for twice as long; the right PIN or a reset clears it")
    func lockout() throws {
        let f = try StoreFixture(people: 0)
        try f.database.setPIN("482913", forCode: "DD01", by: f.lead, at: f.now)
        // Whole seconds: the store keeps times to the millisecond.
        var now = Date(timeIntervalSince1970: f.now.timeIntervalSince1970.rounded())
        for left in [4, 3, 2, 1] {
            #expect(throws: SignInRefusal.wrongPIN(attemptsLeft: left)) { try f.database.signIn(code: "DD01", pin: "000000", at: now) }
        }
        #expect(throws: SignInRefusal.locked(until: now.addingTimeInterval(60))) {
            try f.database.signIn(code: "DD01", pin: "000000", at: now)
        }
        // Locked, even the right PIN is not tried.
        #expect(throws: SignInRefusal.locked(until: now.addingTimeInterval(60))) {
            try f.database.signIn(code: "DD01", pin: "482913", at: now.addingTimeInterval(30))
        }
        now = now.addingTimeInterval(61)
        #expect(throws: SignInRefusal.locked(until: now.addingTimeInterval(120))) {
            try f.database.signIn(code: "DD01", pin: "111111", at: now)
        }
        now = now.addingTimeInterval(121)
        #expect(throws: SignInRefusal.locked(until: now.addingTimeInterval(240))) {
            try f.database.signIn(code: "DD01", pin: "222222", at: now)
        }
        // The site lead resets it: a new PIN, no lock, the count from zero.
        try f.database.setPIN("5555", forCode: "DD01", by: f.lead, at: now)
        #expect(try f.database.signIn(code: "DD01", pin: "5555", at: now).code == "DD01")
        #expect(throws: SignInRefusal.wrongPIN(attemptsLeft: 4)) { try f.database.signIn(code: "DD01", pin: "0000", at: now) }
        #expect(try f.database.signIn(code: "DD01", pin: "5555", at: now).code == "DD01")
        #expect(throws: SignInRefusal.wrongPIN(attemptsLeft: 4)) { try f.database.signIn(code: "DD01", pin: "0000", at: now) }

        // Every attempt is in the audit trail, right or wrong; the PIN itself nowhere.
        let actions = try f.database.auditTrail(limit: 100, by: f.lead).map(\.action)
        #expect(actions.filter { $0 == "sign-in" }.count == 2)
        #expect(actions.filter { $0 == "sign-in-failed" }.count == 9)
        #expect(actions.filter { $0 == "sign-in-locked" }.count == 1)
        #expect(actions.filter { $0 == "pin-reset" }.count == 2)
    }

    @Test("forty PINs sent at once, the right one among them: five are tried, the rest refused by the lock; a site lead's lock stays minutes")
    func parallelAttempts() throws {
        let f = try StoreFixture(people: 0)
        let lead = try #require(try f.database.staff().first { $0.role == .siteLead })
        try f.database.setPIN("482913", forCode: lead.code, by: f.lead, at: f.now)
        let path = f.directory.file("site.db")
        // Forty desks, each its own connection to the file, all at once.
        let desks = try (0..<40).map { _ in try AppDatabase(path: path) }
        let outcomes = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: desks.count) { i in
            let pin = i == 39 ? "482913" : String(format: "%06d", i)
            let outcome: String
            do {
                _ = try desks[i].signIn(code: lead.code, pin: pin, at: f.now)
                outcome = "in"
            } catch let refusal as SignInRefusal {
                outcome = "\(refusal)"
            } catch {
                outcome = "error \(error)"
            }
            outcomes.withLock { $0.append(outcome) }
        }
        let said = outcomes.withLock { $0 }
        #expect(!said.contains { $0.hasPrefix("error") }, "\(said)")
        let actions = try f.database.auditTrail(limit: 200, by: f.lead).map(\.action)
        let tried = actions.filter { $0 == "sign-in" }.count + actions.filter { $0 == "sign-in-failed" }.count
        #expect(tried <= PINPolicy.failuresBeforeLock, "no more PINs tried than the lock allows: \(tried)")
        #expect(actions.filter { $0 == "sign-in-locked" }.count == 40 - tried)
        // However many wrong PINs, a site lead is locked for minutes, not a day (a nurse for longer).
        let day = Date(timeIntervalSince1970: (f.now.timeIntervalSince1970 + 86_400).rounded())
        try f.database.setPIN("482913", forCode: lead.code, by: f.lead, at: day)
        #expect(SQLiteShell.succeeds(path, "UPDATE staff SET failed_pins = 30 WHERE code IN ('\(lead.code)', 'DD01')"))
        try f.database.setPIN("1111", forCode: "DD01", by: f.lead, at: day)
        #expect(SQLiteShell.succeeds(path, "UPDATE staff SET failed_pins = 30 WHERE code IN ('\(lead.code)', 'DD01')"))
        #expect(throws: SignInRefusal.locked(until: day.addingTimeInterval(PINPolicy.siteLeadLockCap))) {
            try f.database.signIn(code: lead.code, pin: "000000", at: day)
        }
        #expect(throws: SignInRefusal.locked(until: day.addingTimeInterval(24 * 3600))) {
            try f.database.signIn(code: "DD01", pin: "000000", at: day)
        }
        let late = day.addingTimeInterval(PINPolicy.siteLeadLockCap + 1)
        #expect(try f.database.signIn(code: lead.code, pin: "482913", at: late).code == lead.code, "in again after the cap")
        // A PIN that is not 4 to 8 digits is not tried and not counted.
        #expect(throws: SignInRefusal.malformedPIN) { try f.database.signIn(code: lead.code, pin: "12", at: late) }
        #expect(try f.database.signIn(code: lead.code, pin: "482913", at: late).code == lead.code)
    }

    @Test("anyone changes their own PIN with the present one; a wrong present PIN counts towards the lock and changes nothing")
    func changeOwn() throws {
        let f = try StoreFixture(people: 0)
        try f.database.setPIN("482913", forCode: "DD01", by: f.lead, at: f.now)
        #expect(throws: SignInRefusal.wrongPIN(attemptsLeft: 4)) {
            try f.database.changeOwnPIN(code: "DD01", current: "000000", new: "7391", at: f.now)
        }
        #expect(throws: SignInRefusal.wrongPIN(attemptsLeft: 3)) { try f.database.signIn(code: "DD01", pin: "7391", at: f.now) }
        #expect(throws: VisitError.malformedPIN) {
            try f.database.changeOwnPIN(code: "DD01", current: "482913", new: "73a1", at: f.now)
        }
        try f.database.changeOwnPIN(code: "DD01", current: "482913", new: "7391", at: f.now)
        #expect(try f.database.signIn(code: "DD01", pin: "7391", at: f.now).code == "DD01")
        #expect(throws: SignInRefusal.wrongPIN(attemptsLeft: 4)) { try f.database.signIn(code: "DD01", pin: "482913", at: f.now) }
        let trail = try f.database.auditTrail(limit: 100, by: f.lead)
        let change = try #require(trail.first { $0.action == "pin-changed" })
        #expect(change.staffCode == "DD01")
        #expect(!trail.contains { ($0.detail ?? "").contains("7391") || ($0.detail ?? "").contains("482913") })
    }

    @Test("a PIN is kept as PBKDF2-SHA256 with its own salt and at least 210,000 rounds, never as itself")
    func storage() throws {
        let f = try StoreFixture(people: 0)
        try f.database.setPIN("246810", forCode: "DD01", by: f.lead, at: f.now)
        try f.database.setPIN("246810", forCode: "DD02", by: f.lead, at: f.now)
        let queue = try DatabaseQueue(path: f.directory.file("site.db"))
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT pin_hash, pin_salt, pin_rounds FROM staff WHERE code IN ('DD01', 'DD02')")
        }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { ($0["pin_rounds"] as Int) >= 210_000 })
        #expect(rows.allSatisfy { ($0["pin_hash"] as String).count == 64 && ($0["pin_salt"] as String).count == 32 })
        #expect(rows[0]["pin_salt"] as String != rows[1]["pin_salt"] as String, "a salt per person")
        #expect(rows[0]["pin_hash"] as String != rows[1]["pin_hash"] as String, "the same PIN hashes apart")
        let file = try Data(contentsOf: URL(fileURLWithPath: f.directory.file("site.db")))
            + ((try? Data(contentsOf: URL(fileURLWithPath: f.directory.file("site.db-wal")))) ?? Data())
        #expect(file.range(of: Data("246810".utf8)) == nil, "the PIN is nowhere in the files")
    }

    @Test("staff added get a random first PIN, told once and working; those updated keep theirs")
    func firstPINs() throws {
        let f = try StoreFixture(people: 0)
        let result = try f.database.importStaff([
            Staff(code: "TI09", fullName: "Phan Văn Út", role: .vaccinator),
            Staff(code: "DD01", fullName: "Nguyễn Thị Lan Anh", role: .checkInNurse),
        ], by: f.lead, at: f.now)
        #expect(result.added == 1 && result.updated == 1)
        #expect(Array(result.newPINs.keys) == ["TI09"])
        let pin = try #require(result.newPINs["TI09"])
        #expect(PINPolicy.isWellFormed(pin))
        #expect(try f.database.signIn(code: "TI09", pin: pin, at: f.now).role == .vaccinator)
    }
}
