import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

/// Signing in with a PIN, the idle lock, and what each role is offered.
@Suite("Sign-in, lock and roles at the desk")
struct SignInTests {
    typealias F = DeskFixture

    /// A desk on the sign-in list, the staff loaded.
    static func login() -> AppState {
        var state = AppState(context: F.context(), size: .minimum, siteName: "Trạm Y tế Phường Vĩnh Thanh Vân", idleLock: nil)
        _ = state.answer(.sessionLoaded(F.session, lots: F.lots))
        _ = state.answer(SignInAnswer.staffLoaded(F.staff))
        return state
    }

    @Test("the PIN is typed unseen, digits only, 4 to 8; the store's answer signs in or says why not")
    func pin() {
        var state = Self.login()
        _ = state.send(.key(.down))
        #expect(state.send(.key(.enter)).isEmpty, "choosing asks for the PIN")
        _ = state.type("13a5")
        #expect(state.send(.key(.enter)).isEmpty, "three digits are not a PIN")
        #expect(state.notice?.text == "Mã PIN phải gồm 4 đến 8 chữ số.")
        _ = state.type("7")
        let screen = state.render()
        #expect(screen.0.text.contains("Lê Văn Hùng (BS01) · Bác sĩ khám sàng lọc"))
        #expect(screen.0.text.contains("Mã PIN: ••••"))
        #expect(!screen.0.text.contains("1357"))
        Golden.check(screen.0, "login-pin")
        #expect(state.send(.key(.enter)) == [SignInEffect.signIn(code: "BS01", pin: "1357")])
        #expect(state.isSaving, "a tenth of a second of hashing: keys wait")

        _ = state.answer(SignInAnswer.refused(.wrongPIN(attemptsLeft: 3)))
        #expect(state.notice?.text == "Sai mã PIN. Còn 3 lần thử trước khi tài khoản bị khóa.")
        #expect(!state.render().0.text.contains("•"), "the digits are cleared")
        _ = state.answer(SignInAnswer.refused(.locked(until: F.now.addingTimeInterval(120))))
        #expect(state.notice?.text == "Nhập sai mã PIN quá nhiều lần: tài khoản bị khóa đến 09:17:00 ngày 26/11/2026.")

        // Esc goes back to the list; the right PIN opens the station picker at the doctor's station.
        _ = state.send(.key(.escape))
        #expect(state.render().0.text.contains("Chọn tên của bạn"))
        _ = state.send(.key(.enter))
        _ = state.type("1357")
        _ = state.send(.key(.enter))
        _ = state.answer(SignInAnswer.signedIn(F.staff[1]))
        let picker = state.render().0.text
        #expect(picker.contains("Xin chào, Lê Văn Hùng"))
        #expect(picker.contains("▶ 2. Khám sàng lọc"))
    }

    @Test("a staff code typed on the list goes to its row; the list goes round; a slip starts the code again")
    func chooseByCode() {
        var state = Self.login()
        guard case .login(let start) = state.screen else { Issue.record("not at sign-in"); return }
        #expect(start.selection.selected == 0)
        _ = state.send(.key(.up))
        guard case .login(let wrapped) = state.screen else { return }
        #expect(wrapped.selection.selected == F.staff.count - 1, "↑ from the first row is the last")
        _ = state.type("td")
        guard case .login(let byCode) = state.screen else { return }
        #expect(byCode.selectedStaff?.code == "TD01")
        #expect(state.render().0.text.contains("Mã: TD… (Enter để chọn)"))
        _ = state.type("x")  // no code starts TDX: the typing starts again at X, and stays on TD01
        guard case .login(let slip) = state.screen else { return }
        #expect(slip.selectedStaff?.code == "TD01")
        _ = state.send(.key(.enter))
        #expect(state.render().0.text.contains("(TD01)"), "the PIN page names who is signing in")
    }

    @Test("a PIN typed on the list before choosing a name opens nobody's PIN; a row chosen on purpose does")
    func pinOnTheList() {
        var state = Self.login()
        _ = state.type("2222")
        #expect(state.send(.key(.enter)).isEmpty)
        guard case .login(let still) = state.screen else { Issue.record("left the list"); return }
        #expect(still.signingIn == nil, "Enter did not open the first row's PIN")
        #expect(state.render().0.text.contains("Chưa chọn tên: gõ mã của bạn"))
        _ = state.send(.key(.down))
        _ = state.send(.key(.enter))
        guard case .login(let chosen) = state.screen else { return }
        #expect(chosen.signingIn?.code == F.staff[1].code, "↓ then Enter: a row chosen on purpose")
        #expect(chosen.pin.isEmpty, "nothing typed on the list is kept")
    }

    @Test("a station of another role is listed but refused with the reason; the own one opens")
    func stations() {
        var nurse = F.signedIn(staffIndex: 0)
        _ = nurse.send(.key(.character("2")))
        #expect(nurse.send(.key(.enter)).isEmpty)
        #expect(nurse.notice?.text == "Điều dưỡng tiếp đón không được ghi kết luận khám sàng lọc.")
        #expect(nurse.station == nil)
        #expect(nurse.render().0.text.contains("2. Khám sàng lọc  — không thuộc vai trò của bạn"))
        _ = nurse.send(.key(.character("1")))
        _ = nurse.send(.key(.enter))
        #expect(nurse.station == .checkIn)

        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.character("3")))
        _ = lead.send(.key(.enter))
        #expect(lead.notice?.text == "Phụ trách điểm tiêm không được ghi nhận tiêm.")
    }

    @Test("idle for the set time, the desk locks: nothing personal shows; the same PIN gives the screen back")
    func idleLock() {
        var state = F.signedIn(staffIndex: 0, idleLock: 300)
        _ = state.send(.key(.character("1")))
        _ = state.send(.key(.enter))
        _ = state.type("duc")
        _ = state.answer(CheckInAnswer.searchResults(query: "duc", [RosterMatch(person: F.duc, dosesOnRecord: 1)]))
        #expect(state.render().0.text.contains("Nguyễn Văn Đức"))

        // A key restarts the count; five minutes after the last key, the desk locks.
        _ = state.send(.tick(F.now.addingTimeInterval(200)))
        _ = state.send(.key(.down))
        _ = state.send(.tick(F.now.addingTimeInterval(450)))
        #expect(!state.isLocked)
        let effects = state.send(.tick(F.now.addingTimeInterval(500)))
        #expect(state.isLocked && effects == [SignInEffect.loadStaff])
        #expect(state.context.user == nil, "nobody may act from a locked desk")
        let locked = state.render().0
        for secret in ["Nguyễn Văn Đức", "duc", "•••2345", "07/03/1985"] {
            #expect(!locked.text.contains(secret), "the locked screen shows \(secret)")
        }
        #expect(locked.text.contains("Nguyễn Thị Lan (DD01)"))
        Golden.check(locked, "locked")

        // Her PIN: the search as she left it.
        _ = state.type("1357")
        #expect(state.send(.key(.enter)) == [SignInEffect.signIn(code: "DD01", pin: "1357")])
        let back = state.answer(SignInAnswer.signedIn(F.staff[0]))
        #expect(back.contains(AppEffect.loadSession))
        #expect(!state.isLocked && state.station == .checkIn)
        #expect(state.render().0.text.contains("Nguyễn Văn Đức"))
    }

    @Test("at a locked desk someone else signs in with their own PIN and starts at their station picker")
    func switchUser() {
        var state = F.desk(at: .checkIn, staffIndex: 0)
        state.idleLock = 60
        _ = state.send(.tick(F.now.addingTimeInterval(61)))
        #expect(state.isLocked)
        _ = state.answer(SignInAnswer.staffLoaded(F.staff))
        _ = state.send(.key(.escape))
        #expect(state.render().0.text.contains("Chọn tên của bạn"))
        _ = state.send(.key(.down))
        _ = state.send(.key(.down))
        _ = state.send(.key(.enter))
        _ = state.type("2468")
        #expect(state.send(.key(.enter)) == [SignInEffect.signIn(code: "TI01", pin: "2468")])
        _ = state.answer(SignInAnswer.signedIn(F.staff[2]))
        #expect(!state.isLocked && state.station == nil)
        #expect(state.render().0.text.contains("Xin chào, Võ Thị Hồng"))
        #expect(state.render().0.text.contains("▶ 3. Tiêm"))
    }

    @Test("an observation desk that locked itself keeps the board's counts in view, and no name")
    func observationUnderLock() {
        var state = F.signedIn(staffIndex: 3, idleLock: 60)
        _ = state.send(.key(.character("4")))
        _ = state.send(.key(.enter))
        let entries = [
            F.entry(F.duc, ticket: 12, stage: .inObservation, minutesAgo: 45, dueInMinutes: -15),
            F.entry(F.ha, ticket: 13, stage: .inObservation, minutesAgo: 31, dueInMinutes: -1),
            F.entry(F.ducAnh, ticket: 14, stage: .inObservation, minutesAgo: 5, dueInMinutes: 25),
        ]
        _ = state.answerQueue(.inObservation, entries)
        _ = state.send(.tick(F.now.addingTimeInterval(61)))
        let locked = state.render().0.text
        #expect(state.isLocked)
        #expect(locked.contains("Theo dõi: 3 người · 2 đã đủ giờ · 1 quá giờ (đăng nhập để xem)"), "\(locked)")
        #expect(!locked.contains("Nguyễn Văn Đức") && !locked.contains("Phạm Thị Thu Hà"))
        #expect(state.send(.databaseChanged).contains(ObservationEffect.queue(.load(.inObservation))), "the board under the lock keeps up")
    }

    @Test("a serious event waiting shows on a locked desk without a name")
    func alertWhileLocked() {
        var state = F.desk(at: .checkIn, staffIndex: 0)
        _ = state.answer(.alertsLoaded([AdverseEventDeskTests.anaphylaxis]))
        #expect(state.render().0.text.contains("Nguyễn Văn Đức"), "signed in, the banner names the person")
        state.idleLock = 60
        _ = state.send(.tick(F.now.addingTimeInterval(61)))
        let locked = state.render().0.text
        #expect(locked.contains("Có phản ứng nặng chưa được xử lý: đăng nhập để xem."))
        #expect(!locked.contains("Nguyễn Văn Đức"))
    }

    @Test("the site lead resets a PIN from the dashboard (shown once) and browses the audit trail page by page")
    func leadTools() {
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.function(6)))
        _ = lead.answer(DashboardAnswer.dashboardLoaded(DashboardTests.board()))
        #expect(lead.send(.key(.function(5))) == [DashboardEffect.loadStaff])
        _ = lead.answer(DashboardAnswer.staffLoaded(F.staff))
        #expect(lead.render().0.text.contains("Đặt lại mã PIN: chọn nhân viên rồi nhấn Enter"))
        _ = lead.send(.key(.down))
        // Asked once more, naming the person: their present PIN stops working.
        #expect(lead.send(.key(.enter)).isEmpty)
        #expect(lead.render().0.text.contains("(BS01)."))
        #expect(lead.render().0.text.contains("Mã PIN hiện tại của người đó sẽ không dùng được nữa."))
        #expect(lead.send(.key(.enter)) == [DashboardEffect.resetPIN(code: "BS01", by: F.staff[4].id)])
        _ = lead.answer(DashboardAnswer.pinReset(code: "BS01", pin: "408213"))
        // The PIN stays on screen, whole at 80 columns, until read; the status line does not carry it.
        #expect(lead.render().0.text.contains("Mã PIN: 408213"))
        #expect(lead.notice?.text == "Đã đặt lại mã PIN của BS01.")
        Golden.check(lead.render().0, "dashboard-new-pin")
        _ = lead.send(.key(.enter))
        #expect(!lead.render().0.text.contains("408213"), "shown once")

        #expect(lead.send(.key(.function(6))) == [DashboardEffect.loadAuditTrail(before: nil, by: F.staff[4].id)])
        let page = (0..<20).map { n in
            AuditEntry(seq: Int64(40 - n), at: F.now.addingTimeInterval(Double(-n * 60)), staffID: F.staff[0].id,
                       staffCode: "DD01", staffName: "Nguyễn Thị Lan", action: n == 0 ? "sign-in" : "check-in",
                       recordType: n == 0 ? "staff" : "visit",
                       recordID: UUID(uuidString: "0193C2A1-0000-7000-8000-0000000000\(String(format: "%02d", n))")!,
                       detail: nil, personName: n == 0 ? nil : "Trần Văn Số \(n)")
        }
        _ = lead.answer(DashboardAnswer.auditTrailLoaded(page, appended: false))
        let screen = lead.render().0
        // In words: the act in the desk's language, the person by name, a record about nobody by its kind.
        #expect(screen.text.contains("40  26/11 09:15:00  DD01  Đăng nhập  nhân viên …00000000"))
        #expect(screen.text.contains("39  26/11 09:14:00  DD01  Tiếp đón  Trần Văn Số 1"))
        Golden.check(screen, "audit-trail")
        for _ in 0..<19 { _ = lead.send(.key(.down)) }
        #expect(lead.send(.key(.down)) == [DashboardEffect.loadAuditTrail(before: 21, by: F.staff[4].id)], "past the oldest: the next page")
        _ = lead.send(.key(.escape))
        #expect(lead.render().0.text.contains("đã tiêm 42"))
    }
}
