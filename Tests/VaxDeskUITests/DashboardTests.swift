import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

@Suite("The site lead's dashboard")
struct DashboardTests {
    typealias F = DeskFixture

    static func board() -> Dashboard {
        var board = Dashboard(session: F.session)
        board.stageCounts = [.waitingScreening: 3, .waitingInjection: 2, .inObservation: 4, .discharged: 38, .deferred: 2,
                             .contraindicated: 1]
        board.waitingSince = [
            .waitingScreening: [F.now.addingTimeInterval(-4 * 60), F.now.addingTimeInterval(-9 * 60), F.now.addingTimeInterval(-21 * 60)],
            .waitingInjection: [F.now.addingTimeInterval(-2 * 60), F.now.addingTimeInterval(-6 * 60)],
        ]
        board.vaccinated = 42
        board.firstInjection = F.now.addingTimeInterval(-2 * 3_600)
        board.adverseEvents = [AdverseEventDeskTests.anaphylaxis,
                               AdverseEvent(visitID: UUID(), onset: F.now, signs: "Đau chỗ tiêm", severity: .common)]
        board.openVials = [F.vial(of: F.lots[0], drawn: 2, openedMinutesAgo: 75)]
        board.lots = [SessionReport.Lot(product: "pfizer", lot: "FK5127", dosesReceived: 600, vialsOpened: 8,
                                        dosesInOpenedVials: 48, dosesGiven: 42, dosesWasted: 2)]
        board.outboxPending = 187
        board.adverseEvents[0].caseNumber = "KG-0001-AEFI-2026-0003"
        board.seriousReportsDue = [Dashboard.SeriousReportDue(caseNumber: "KG-0001-AEFI-2026-0003", personName: "Nguyễn Văn Đức",
                                                              recordedAt: F.now.addingTimeInterval(-120))]
        board.lastBackup = BackupRecord(takenAt: F.now.addingTimeInterval(-40 * 60), path: "/media/usb/site-backup-20261202T014000Z.db",
                                        bytes: 48 << 20, auditRows: 5_210, people: 12_000, doses: 430, pending: 187)
        return board
    }

    @Test("stages, waits, pace, adverse events, vials, lots and sync, at 80×24 and 160×48", arguments: [
        Size.minimum, Size(columns: 160, rows: 48),
    ])
    func dashboard(size: Size) {
        var state = F.signedIn(staffIndex: 4, size: size)
        #expect(state.send(.key(.function(6))) == [DashboardEffect.loadDashboard(by: F.staff[4].id)])
        _ = state.answer(DashboardAnswer.dashboardLoaded(Self.board()))
        let screen = state.render().0.text
        #expect(screen.contains("đã tiêm 42 · 21/giờ"))
        #expect(screen.contains("Chờ khám: 3 người · trung vị 9 phút · lâu nhất 21 phút"))
        #expect(screen.contains("Phản ứng sau tiêm: 1 nặng · 1 thông thường"))
        #expect(screen.contains("⚠ 09:13 · Số 12 · Nguyễn Văn Đức · ⏱ báo cáo lên trên trước 09:13 27/11"))
        #expect(screen.contains("Pfizer FK5127: đã tiêm 42 · hủy 2 · còn 556 liều"))
        #expect(screen.contains("Sao lưu: 08:35 → /media/usb/site-backup-"))
        Golden.check(state.render().0, "dashboard-\(size.columns)x\(size.rows)")
    }

    @Test("the last pull from the centre, and what the pulls brought, once there was one")
    func lastPull() {
        var state = F.signedIn(staffIndex: 4, size: Size(columns: 160, rows: 48))
        _ = state.send(.key(.function(6)))
        var board = Self.board()
        _ = state.answer(DashboardAnswer.dashboardLoaded(board))
        #expect(!state.render().0.text.contains("Lấy từ trung tâm"))
        board.lastPull = PullSummary(at: F.now.addingTimeInterval(-600), people: 38, doses: 32)
        _ = state.answer(DashboardAnswer.dashboardLoaded(board))
        #expect(state.render().0.text.contains("Lấy từ trung tâm lần cuối 09:05: tổng 38 người, 32 mũi từ nơi khác"))
    }

    @Test("no backup yet, or an old one, is a warning on the dashboard, with the day when it is not today")
    func backupWarning() {
        var state = F.signedIn(staffIndex: 4, size: Size(columns: 160, rows: 48))
        _ = state.send(.key(.function(6)))
        var board = Self.board()
        board.lastBackup = nil
        _ = state.answer(DashboardAnswer.dashboardLoaded(board))
        let (never, _) = state.render()
        let line = never.text.split(separator: "\n").first { $0.contains("Chưa sao lưu lần nào") }
        #expect(line != nil, "\(never.text)")
        #expect(never.text.contains("vaxdesk backup --to"))

        board.lastBackup = BackupRecord(takenAt: F.now.addingTimeInterval(-26 * 3_600), path: "/media/usb/old.db",
                                        bytes: 1, auditRows: 1, people: 1, doses: 0, pending: 0)
        _ = state.answer(DashboardAnswer.dashboardLoaded(board))
        let (old, _) = state.render()
        #expect(old.text.contains("Sao lưu: 25/11 07:15 → /media/usb/old.db"), "\(old.text)")
        let row = old.lines.firstIndex { $0.contains("Sao lưu: ") }
        #expect(row.map { old[2, $0].style } == .warning, "an old backup is a warning")
    }

    @Test("the nurse cannot open it; the site lead closes the session from it after confirming")
    func close() {
        var nurse = F.signedIn(staffIndex: 0)
        #expect(nurse.send(.key(.function(6))).isEmpty)
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.function(6)))
        _ = lead.answer(DashboardAnswer.dashboardLoaded(Self.board()))
        var nobodyWaiting = Self.board()
        nobodyWaiting.stageCounts[.waitingScreening] = nil
        nobodyWaiting.stageCounts[.waitingInjection] = nil
        _ = lead.answer(DashboardAnswer.dashboardLoaded(nobodyWaiting))
        #expect(lead.send(.key(.function(7))).isEmpty)
        #expect(lead.render().0.text.contains("Đóng buổi tiêm? Sau khi đóng không ghi nhận thêm được."))
        #expect(lead.send(.key(.enter)) == [DashboardEffect.closeSession(by: F.staff[4].id)])
        _ = lead.answer(.refused(.sessionNotResolved(inObservation: 4, openVials: 1, waiting: 0)))
        #expect(lead.notice?.text == "Chưa đóng được buổi tiêm: còn 4 người đang theo dõi, 1 lọ đang mở. Trước khi đóng: cho về, hủy lọ.")
        // The refusal is read whole at 80×24: it goes on in the rows above the status line.
        let screen = lead.render().0
        let words = screen.lines.suffix(5).joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(words.contains(lead.notice?.text ?? "-"), "\(screen.text)")
        Golden.check(screen, "dashboard-close-refused")
    }

    @Test("closing with people still waiting lists them by queue and records them as going home without a dose, for a reason")
    func closeWithPeopleWaiting() {
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.function(6)))
        _ = lead.answer(DashboardAnswer.dashboardLoaded(Self.board()))
        _ = lead.send(.key(.function(7)))
        let dialog = lead.render().0.text
        #expect(dialog.contains("Còn đang chờ: 3 người chờ khám, 2 người chờ tiêm."))
        #expect(dialog.contains("Lý do họ về không tiêm:"))
        #expect(lead.send(.key(.enter)).isEmpty)
        #expect(lead.notice?.text == lead.context.strings["error.leftWithoutDoseReasonRequired"])
        _ = lead.type("Hết giờ buổi tiêm")
        Golden.check(lead.render().0, "dashboard-close-waiting")
        #expect(lead.send(.key(.enter)) == [
            DashboardEffect.recordLeftWithoutDose(reason: "Hết giờ buổi tiêm", by: F.staff[4].id), .closeSession(by: F.staff[4].id),
        ])
        _ = lead.answer(DashboardAnswer.leftWithoutDoseRecorded(5))
        #expect(lead.notice?.text == "Đã ghi 5 người về không tiêm.")
    }
}

@Suite("Opening a session and adding staff from the dashboard")
struct SessionOpeningTests {
    typealias F = DeskFixture

    @Test("with no session open, F8 opens one from a form read by the command line's rules")
    func openSession() {
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.function(6)))
        _ = lead.answer(DashboardAnswer.dashboardLoaded(nil))
        #expect(lead.render().0.text.contains("F8: Mở buổi tiêm mới."))
        _ = lead.send(.key(.function(8)))
        _ = lead.type("Nhà văn hóa khu phố 3")
        _ = lead.send(.key(.tab))
        _ = lead.send(.key(.tab))
        _ = lead.type("dd01, ti01")
        _ = lead.send(.key(.tab))
        _ = lead.type("Comirnaty:FK9001:30/06/2027:300; AZ:A77")
        #expect(lead.send(.key(.enter)).isEmpty)
        #expect(lead.render().0.text.contains(lead.context.strings["plan.badLot"]))
        _ = lead.type(":31/12/2027:200")
        _ = lead.send(.key(.tab))
        _ = lead.type("250")
        Golden.check(lead.render().0, "dashboard-open-session")
        let effects = lead.send(.key(.enter))
        guard case .openSession(let plan, let by)? = effects.first?.as(DashboardEffect.self) else { Issue.record("\(effects)"); return }
        #expect(by == F.staff[4].id && plan.place == "Nhà văn hóa khu phố 3" && plan.day == "2026-11-26")
        #expect(plan.teamCodes == ["DD01", "TI01"] && plan.planned == 250)
        #expect(plan.lots.map(\.productCode) == ["pfizer", "astrazeneca"] && plan.lots.map(\.dosesReceived) == [300, 200])
        #expect(lead.answer(DashboardAnswer.sessionOpened).isEmpty)
        #expect(lead.send(.databaseChanged).contains(DashboardEffect.loadDashboard(by: F.staff[4].id)), "the desk's own commit reloads the board")
    }

    @Test("team codes by spaces or commas; a plan the store refuses keeps what was typed, the cursor on the field to fix")
    func refusedPlanKept() {
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.function(6)))
        _ = lead.answer(DashboardAnswer.dashboardLoaded(nil))
        _ = lead.send(.key(.function(8)))
        _ = lead.type("Trường tiểu học An Hòa")
        _ = lead.send(.key(.tab))
        _ = lead.send(.key(.tab))
        _ = lead.type("dd01 ti01  XX99")
        _ = lead.send(.key(.tab))
        _ = lead.type("Comirnaty:FK9001:30/06/2027:300")
        guard case .openSession(let plan, _)? = lead.send(.key(.enter)).first?.as(DashboardEffect.self) else { Issue.record("not sent"); return }
        #expect(plan.teamCodes == ["DD01", "TI01", "XX99"])
        _ = lead.answer(.refused(.unknownStaffCode("XX99")))
        guard case .dashboard(let screen) = lead.screen, case .opening(let form) = screen.phase else {
            Issue.record("the form was dropped"); return
        }
        #expect(form.values[.place] == "Trường tiểu học An Hòa" && form.values[.team] == "dd01 ti01  XX99")
        #expect(form.focused == .team && form.problems[.team] != nil)
        #expect(lead.notice?.text.contains("XX99") == true)
    }

    @Test("F4 adds a staff member; a role that cannot be read says so")
    func addStaff() {
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.function(6)))
        _ = lead.answer(DashboardAnswer.dashboardLoaded(DashboardTests.board()))
        _ = lead.send(.key(.function(4)))
        _ = lead.type("ti09")
        _ = lead.send(.key(.tab))
        _ = lead.type("phan văn út")
        _ = lead.send(.key(.tab))
        _ = lead.type("bảo vệ")
        #expect(lead.send(.key(.enter)).isEmpty)
        #expect(lead.render().0.text.contains(lead.context.strings["staff.unknownRole"]))
        for _ in 0..<6 { _ = lead.send(.key(.backspace)) }
        _ = lead.type("tiêm chủng viên")
        guard case .addStaff(let member, _)? = lead.send(.key(.enter)).first?.as(DashboardEffect.self) else { Issue.record("not added"); return }
        #expect(member.code == "TI09" && member.fullName == "Phan Văn Út" && member.role == .vaccinator)
    }
}

@Suite("The history of sessions")
struct SessionHistoryTests {
    typealias F = DeskFixture

    @Test("F3 lists the site's sessions; Enter shows one's report with every breakdown, ↑/↓ scroll it, Esc goes back")
    func history() {
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.function(6)))
        _ = lead.answer(DashboardAnswer.dashboardLoaded(DashboardTests.board()))
        #expect(lead.send(.key(.function(3))) == [DashboardEffect.loadSessions])
        let earlier = VaccinationSession(siteID: UUID(), day: "2026-11-25", place: "Trường tiểu học", status: .closed,
                                         openedAt: F.now.addingTimeInterval(-86_400))
        _ = lead.answer(DashboardAnswer.sessionsLoaded([F.session, earlier]))
        _ = lead.send(.key(.down))
        #expect(lead.send(.key(.enter)) == [DashboardEffect.loadReport(sessionID: earlier.id)])
        var report = SessionReport(sessionID: earlier.id, day: "2026-11-25", place: "Trường tiểu học", status: "closed")
        report.checkedIn = 120
        report.vaccinated = 112
        report.lots = [SessionReport.Lot(product: "astrazeneca", lot: "A1089", dosesReceived: 500, vialsOpened: 12,
                                         dosesInOpenedVials: 120, dosesGiven: 112, dosesWasted: 8)]
        report.byProduct = ["astrazeneca": 112]
        report.byDoseNumber = ["1": 70, "2": 42]
        report.bySex = ["F": 60, "M": 52]
        report.byAgeGroup = ["18-49": 80, "50-64": 20, "65+": 12]
        report.byPriorityGroup = ["1": 10, "6": 40, "9": 62]
        _ = lead.answer(DashboardAnswer.reportLoaded(report))
        let screen = lead.render().0.text
        #expect(screen.contains("Báo cáo buổi 25/11/2026"))
        // The same breakdowns as `vaxdesk report session`, the first page of them.
        #expect(screen.contains("Theo vắc xin:") && screen.contains("Theo mũi:") && screen.contains("Theo giới:"), "\(screen)")
        #expect(screen.contains("↑/↓: dòng 1–"), "\(screen)")
        Golden.check(lead.render().0, "dashboard-history")
        for _ in 0..<30 { _ = lead.send(.key(.down)) }
        let end = lead.render().0.text
        #expect(end.contains("AstraZeneca Vaxzevria lô A1089: nhận 500 liều, mở 12 lọ, tiêm 112, hủy 8, trả lại 380")
                    || end.contains("lô A1089: nhận 500 liều"), "\(end)")
        #expect(end.contains("Theo nhóm ưu tiên:"), "the last page: \(end)")
        // Another desk's write (or an unlock): the report on screen is read again, not left stale.
        #expect(lead.send(.databaseChanged).compactMap { $0.as(DashboardEffect.self) }.contains(.loadReport(sessionID: earlier.id)))
        _ = lead.send(.key(.escape))
        #expect(!lead.render().0.text.contains("Báo cáo buổi"))
        _ = lead.send(.key(.escape))
        #expect(lead.render().0.text.contains("Phản ứng sau tiêm"))
    }

    @Test("the centre's state: last success on every desk's status line; failures and refused records on the dashboard")
    func syncState() {
        var desk = F.desk(at: .checkIn)
        var status = SyncStatus()
        status.pending = 12
        status.lastSuccess = F.now.addingTimeInterval(-300)
        _ = desk.answer(.syncStatusLoaded(status))
        #expect(desk.render().0.text.contains("Chờ gửi: 12 · gửi lúc 09:10"))
        status.lastError = "connection-refused"
        status.nextAttempt = F.now.addingTimeInterval(120)
        _ = desk.answer(.syncStatusLoaded(status))
        #expect(desk.render().0.text.contains("Chờ gửi: 12 · chưa gửi được"))

        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.function(6)))
        var board = DashboardTests.board()
        board.sync = status
        board.refused = [QuarantinedRecord(seq: 7, event: "injection", recordID: UUID(uuidString: "019A6B2C-1D2E-7F30-8A41-B52C63D74E85")!,
                                           message: "Immunization/019A…: HTTP 422: Immunization.vaccineCode has no code", attempts: 1)]
        _ = lead.answer(DashboardAnswer.dashboardLoaded(board))
        let screen = lead.render(); let text = screen.0.text
        #expect(text.contains("lần gửi được cuối 09:10"))
        #expect(text.contains("⚠ Chưa gửi được: hệ thống trung ương từ chối kết nối · thử lại lúc 09:17"))
        #expect(text.contains("✗ Hệ thống trung ương từ chối 1 bản ghi"))
        Golden.check(Self.wide(lead), "dashboard-sync-160x48")
    }

    static func wide(_ state: AppState) -> Buffer {
        var state = state
        _ = state.send(.resized(Size(columns: 160, rows: 48)))
        return state.render().0
    }
}
