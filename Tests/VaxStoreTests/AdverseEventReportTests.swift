import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

@Suite("What WHO and the Ministry ask of an adverse event")
struct AdverseEventReportTests {
    @Test("a serious event gets the site's case number, goes to the centre ahead of every other record, with its reporter and history")
    func seriousFirst() throws {
        let f = try StoreFixture(people: 0)
        var visits: [UUID] = []
        for name in ["Nguyễn Văn Một", "Trần Thị Hai", "Lê Văn Ba"] {
            let ticket = try f.checkIn(try f.person(named: name))
            _ = try f.screen(ticket.visitID)
            _ = try f.inject(ticket.visitID, lot: f.demo.lots[0])
            visits.append(ticket.visitID)
        }
        let common = AdverseEvent(visitID: visits[0], onset: f.now, signs: "Sốt nhẹ", severity: .common)
        let serious = AdverseEvent(visitID: visits[1], onset: f.now, signs: "Khó thở", severity: .serious, anaphylaxisGrade: 2,
                                   medicalHistory: "Hen phế quản", reporterContact: "0912345678")
        try f.database.recordAdverseEvent(common, by: f.staff(.observationNurse).id, at: f.now)
        try f.database.recordAdverseEvent(serious, by: f.staff(.observationNurse).id, at: f.now)
        let queue = try f.database.pendingSyncItems(limit: 500)
        guard case .adverseEvent(let first)? = queue.first?.record else { Issue.record("\(String(describing: queue.first))"); return }
        #expect(first.event.id == serious.id, "the serious event first, though recorded last")
        let year = Calendar(identifier: .gregorian).component(.year, from: f.now)
        #expect(first.event.caseNumber == "\(f.demo.site.code)-AEFI-\(year)-0002")
        #expect(first.reporter?.contains("0912345678") == true && first.reporter?.contains(f.staff(.observationNurse).fullName) == true)
        let fhir = FHIRMapping(catalog: StoreFixture.catalog, timeZone: LocalDay.vietnam).adverseEvent(first)
        #expect(fhir.subjectMedicalHistory?.first?.display == "Hen phế quản")
        #expect(fhir.extension?.first?.valueString == first.event.caseNumber)
        // Written out and read by fhir.resources (R4 and R4B).
        let bundle = FHIRBundle(type: "batch", entry: [.put(.adverseEvent(fhir))])
        let file = f.directory.file("aefi.json")
        try FHIRResource.encoder().encode(bundle).write(to: URL(fileURLWithPath: file))
        let (valid, verdict) = try FHIRValidator.validate(file)
        #expect(valid, "\(verdict)")
    }

    @Test("the dashboard counts down a serious event's 24 hours until the centre has it")
    func deadlineOnTheDashboard() throws {
        let f = try StoreFixture(people: 0)
        let ticket = try f.checkIn(try f.person(named: "Phan Thị Nặng"))
        _ = try f.screen(ticket.visitID)
        _ = try f.inject(ticket.visitID, lot: f.demo.lots[0])
        try f.database.recordAdverseEvent(AdverseEvent(visitID: ticket.visitID, onset: f.now, signs: "Tụt huyết áp", severity: .serious),
                                          by: f.staff(.observationNurse).id, at: f.now)
        let due = try #require(try f.database.dashboard(by: f.lead)).seriousReportsDue
        #expect(due.map(\.personName) == ["Phan Thị Nặng"])
        #expect(abs((due.first?.due.timeIntervalSince(f.now) ?? 0) - 24 * 3600) < 1, "stored to the millisecond")
        // The centre answered for every record: nothing is due any more.
        let items = try f.database.pendingSyncItems(limit: 500)
        try f.database.recordSyncOutcomes(items.map { ($0.seq, .sent) }, at: f.now)
        #expect(try #require(try f.database.dashboard(by: f.lead)).seriousReportsDue.isEmpty)
    }
}

@Suite("The serious AEFI report")
struct SeriousReportCommandTests {
    @Test("`vaxdesk report aefi --case` prints the Ministry's form with WHO's variables, and writes it 0600")
    func command() throws {
        let directory = TemporaryDirectory("aefi-report")
        let path = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", path, "--people", "20", "--setup-only"]).status == 0)
        let database = try AppDatabase(path: path)
        let staff = try database.staff()
        func member(_ role: Role) -> UUID { staff.first { $0.role == role }!.id }
        let person = try database.rosterPeople(first: 1)[0]
        let ticket = try database.checkIn(personID: person.id, catalog: StoreFixture.catalog, by: member(.checkInNurse), at: Date())
        _ = try database.recordScreening(
            ScreeningDecision(visitID: ticket.visitID, checklistVersion: StoreFixture.checklist.version,
                              answers: StoreFixture.checklist.answers(yes: []), computedOutcome: .eligible, outcome: .eligible,
                              consent: true, vitals: .withinThresholds),
            checklist: StoreFixture.checklist, by: member(.screeningDoctor), at: Date())
        let session = try #require(try database.openSession())
        let lot = try #require(try database.lots(sessionID: session.id).first)
        let vial = try database.openVial(lotID: lot.id, catalog: StoreFixture.catalog, by: member(.vaccinator), at: Date())
        _ = try database.recordInjection(visitID: ticket.visitID, vialID: vial.id, arm: .left,
                                         observation: ObservationPolicy(catalog: StoreFixture.catalog), by: member(.vaccinator), at: Date())
        try database.recordAdverseEvent(
            AdverseEvent(visitID: ticket.visitID, onset: Date(), signs: "Khó thở, tụt huyết áp", severity: .serious, anaphylaxisGrade: 3,
                         actions: "Adrenalin 0,5 mg tiêm bắp", referral: "BVĐK tỉnh Kiên Giang", medicalHistory: "Hen phế quản",
                         reporterContact: "0912345678"),
            by: member(.observationNurse), at: Date())
        let number = try SQLiteShell.text(path, "SELECT case_number FROM aefi")
        let list = try BuiltProgram.run(["report", "aefi", "--db", path, "--by", "PT01"], input: "2468\n")
        #expect(list.output.contains("\(number) · ") && list.output.contains("nặng · CHƯA tới trung ương"), "\(list.output)")
        let run = try BuiltProgram.runWithErrors(["report", "aefi", "--db", path, "--by", "TD01", "--case", number], input: "7777\n")
        #expect(run.status == 0, "\(run.errors)")
        for expected in ["BÁO CÁO TRƯỜNG HỢP TAI BIẾN NẶNG SAU TIÊM CHỦNG (Thông tư 34/2018/TT-BYT)", "Số: \(number)", person.fullName,
                         "Tiền sử bệnh: Hen phế quản", "số lô \(lot.lotNumber)", "Mức độ: nặng phản vệ độ III",
                         "Chuyển viện: BVĐK tỉnh Kiên Giang", "Kết quả: chưa có tin", "0912345678"] {
            #expect(run.output.contains(expected), "\(expected) in \(run.output)")
        }
        let file = directory.file("report.txt")
        #expect(try BuiltProgram.run(["report", "aefi", "--db", path, "--by", "TD01", "--case", number, "--out", file], input: "7777\n").status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A vaccinator does not read it.
        #expect(try BuiltProgram.run(["report", "aefi", "--db", path, "--by", "TI01", "--case", number], input: "5555\n").status != 0)
    }
}
