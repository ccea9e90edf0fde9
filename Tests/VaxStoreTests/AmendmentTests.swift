import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

@Suite("Amending a screening and an adverse event")
struct AmendmentTests {
    @Test("a screening's answer and outcome: the amendment keeps the old value, the counts follow, and what happened holds")
    func screening() throws {
        let f = try StoreFixture(people: 0)
        let path = f.directory.file("site.db")
        let checklist = StoreFixture.checklist
        // Deferred for an acute illness (item 3) that was in fact item 2 (COVID-19 within 6 months).
        let ticket = try f.checkIn(try f.person(named: "Đỗ Văn Hoãn"))
        let screening = try f.screen(ticket.visitID, yes: ["3"])
        try f.database.amendScreening(screening, .answer(item: "3", yes: false), checklist: checklist, reason: "nhầm mục", by: f.lead, at: f.now)
        try f.database.amendScreening(screening, .answer(item: "2", yes: true), checklist: checklist, reason: "nhầm mục", by: f.lead, at: f.now)
        #expect(try SQLiteShell.text(path, "SELECT answers FROM screening") == #"["2"]"#)
        #expect(try SQLiteShell.text(path, "SELECT field || ':' || old_value || '→' || new_value FROM amendment ORDER BY amended_at, rowid")
            == "answer.3:yes→no\nanswer.2:no→yes")
        // Contraindicated rather than deferred: the report follows.
        try f.database.amendScreening(screening, .outcome(.contraindicated), checklist: checklist, reason: "theo mục 2", by: f.lead, at: f.now)
        var report = try f.database.sessionReport()
        #expect(report.deferred == 0 && report.contraindicated == 1)
        #expect(try SQLiteShell.text(path, "SELECT stage FROM visit") == VisitStage.contraindicated.rawValue)
        // No outcome that says a dose followed when none did, nor a stop when one did.
        #expect(throws: VisitError.notFound(.injection)) {
            try f.database.amendScreening(screening, .outcome(.eligible), checklist: checklist, reason: "x", by: f.lead, at: f.now)
        }
        let dosed = try f.checkIn(try f.person(named: "Lý Thị Tiêm"))
        let eligible = try f.screen(dosed.visitID)
        _ = try f.inject(dosed.visitID, lot: f.demo.lots[0])
        #expect(throws: VisitError.voidInjectionFirst) {
            try f.database.amendScreening(eligible, .outcome(.deferred), checklist: checklist, reason: "x", by: f.lead, at: f.now)
        }
        try f.database.amendScreening(eligible, .outcome(.caution), checklist: checklist, reason: "dị ứng", by: f.lead, at: f.now)
        report = try f.database.sessionReport()
        #expect(report.vaccinated == 1)
        #expect(throws: VisitError.self) {
            try f.database.amendScreening(eligible, .outcome(.eligible), checklist: checklist, reason: "x",
                                          by: f.staff(.screeningDoctor).id, at: f.now)
        }
        // Each amendment is queued: the not-done Immunization goes again; an eligible screening stays local.
        #expect(try SQLiteShell.text(path, "SELECT count(*) FROM outbox WHERE event = 'amendment'") == "4")
    }

    @Test("an adverse event's outcome is followed up and its details corrected, each kept as an amendment")
    func adverseEvent() throws {
        let f = try StoreFixture(people: 0)
        let path = f.directory.file("site.db")
        let ticket = try f.checkIn(try f.person(named: "Vũ Thị Phản"))
        _ = try f.screen(ticket.visitID)
        _ = try f.inject(ticket.visitID, lot: f.demo.lots[0])
        let event = AdverseEvent(visitID: ticket.visitID, onset: f.now, signs: "Khó thở", severity: .serious, anaphylaxisGrade: 2)
        try f.database.recordAdverseEvent(event, by: f.staff(.observationNurse).id, at: f.now)
        try f.database.amendAdverseEvent(event.id, .outcome(.recoveredWithSequelae), reason: "tin từ bệnh viện", by: f.lead, at: f.now)
        try f.database.amendAdverseEvent(event.id, .anaphylaxisGrade(3), reason: "bệnh viện xếp độ III", by: f.lead, at: f.now)
        try f.database.amendAdverseEvent(event.id, .signs("Khó thở, tụt huyết áp"), reason: "bổ sung", by: f.lead, at: f.now)
        #expect(try SQLiteShell.text(path, "SELECT outcome || ' ' || anaphylaxis_grade || ' ' || signs FROM aefi")
            == "resolvedWithSequelae 3 Khó thở, tụt huyết áp")
        #expect(try SQLiteShell.text(path, "SELECT field || ':' || coalesce(old_value, '-') || '→' || new_value FROM amendment ORDER BY rowid")
            == "outcome:-→resolvedWithSequelae\nanaphylaxis_grade:2→3\nsigns:Khó thở→Khó thở, tụt huyết áp")
        #expect(throws: VisitError.anaphylaxisGradeOutOfRange) {
            try f.database.amendAdverseEvent(event.id, .anaphylaxisGrade(5), reason: "x", by: f.lead, at: f.now)
        }
        #expect(throws: VisitError.amendmentReasonRequired) {
            try f.database.amendAdverseEvent(event.id, .outcome(.recovered), reason: "", by: f.lead, at: f.now)
        }
    }

    @Test("`vaxdesk session amend` corrects an injection, a screening and an adverse event; a malformed change says what is expected")
    func command() throws {
        let directory = TemporaryDirectory("amend-command")
        let path = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", path, "--people", "80", "--setup-only"]).status == 0)
        #expect(try BuiltProgram.run(["simulate", "--db", path, "--desks", "1", "--people", "80", "--seed", "5"]).status == 0)
        let injection = try SQLiteShell.text(path, "SELECT id FROM injection ORDER BY rowid LIMIT 1")
        let screening = try SQLiteShell.text(path, "SELECT id FROM screening WHERE outcome = 'deferred' ORDER BY rowid LIMIT 1")
        try #require(!screening.isEmpty, "the simulated day has a deferral")
        func amend(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
            try BuiltProgram.runWithErrors(["session", "amend", "--db", path, "--by", "PT01", "--lang", "en", "--reason", "checked"] + arguments,
                                           input: "2468\n")
        }
        #expect(try amend(["--injection", injection, "--arm", "right"]).status == 0)
        #expect(try amend(["--screening", screening, "--outcome", "referred"]).status == 0)
        #expect(try SQLiteShell.text(path, "SELECT outcome FROM screening WHERE id = '\(screening)'") == "referred")
        let wrong = try amend(["--screening", screening, "--answer", "3-maybe"])
        #expect(wrong.status != 0 && wrong.errors.contains("--answer ITEM=yes|no"), "\(wrong.errors)")
        let both = try amend(["--injection", injection, "--screening", screening, "--arm", "left"])
        #expect(both.status != 0 && both.errors.contains("exactly one of"))
        #expect(try SQLiteShell.text(path, "SELECT group_concat(record_type, ',') FROM amendment") == "injection,screening")
    }
}
