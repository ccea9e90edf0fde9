import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

@Suite("Changing one's own PIN at the desk")
struct ChangePINTests {
    typealias F = DeskFixture

    static func typed(_ state: inout AppState, _ digits: String) {
        _ = state.type(digits)
        _ = state.send(.key(.enter))
    }

    @Test("F7 from the stations: the present PIN, the new one twice, never shown; the change is sent once all agree")
    func change() {
        var state = F.signedIn(staffIndex: 1)
        #expect(state.send(.key(.function(7))).isEmpty)
        #expect(state.render().0.text.contains("Đổi mã PIN của bạn"))
        Self.typed(&state, "1357")
        // The same PIN again is no change.
        Self.typed(&state, "1357")
        #expect(state.render().0.text.contains("Mã PIN mới phải khác mã hiện tại."))
        Self.typed(&state, "8642")
        // A slip in the repeat: both new fields are typed again.
        Self.typed(&state, "8643")
        #expect(state.render().0.text.contains("Hai lần nhập mã PIN mới không giống nhau"))
        Self.typed(&state, "8642")
        _ = state.type("8642")
        let screen = state.render().0.text
        #expect(!screen.contains("8642") && !screen.contains("1357"), "digits never show: \(screen)")
        #expect(screen.contains("••••"))
        #expect(state.send(.key(.enter)) == [ChangePINEffect.change(code: "BS01", current: "1357", new: "8642")])
        #expect(state.isSaving)
        _ = state.answer(ChangePINEffect.Answer.changed)
        #expect(state.render().0.text.contains("Đã đổi mã PIN. Lần đăng nhập sau, hãy dùng mã mới."))
        _ = state.send(.key(.enter))
        #expect(state.render().0.text.contains("Chọn bàn làm việc"), "back at the stations")
    }

    @Test("a wrong present PIN says how many tries are left and starts again from the first field")
    func wrongPresentPIN() {
        var state = F.signedIn(staffIndex: 1)
        _ = state.send(.key(.function(7)))
        Self.typed(&state, "0000")
        Self.typed(&state, "8642")
        _ = state.type("8642")
        _ = state.send(.key(.enter))
        _ = state.answer(ChangePINEffect.Answer.refused(.wrongPIN(attemptsLeft: 4)))
        #expect(state.notice?.tone == .danger)
        #expect(state.notice?.text == state.context.strings.message(for: SignInRefusal.wrongPIN(attemptsLeft: 4), timeZone: F.timeZone))
        guard case .changePIN(let screen) = state.screen else { Issue.record("left the screen"); return }
        #expect(screen.focused == .current && screen.pins.values.allSatisfy(\.isEmpty))
    }

    @Test("the stations with F7, and the change screen, at 80×24")
    func golden() {
        var state = F.signedIn(staffIndex: 1)
        Golden.check(state.render().0, "stations")
        _ = state.send(.key(.function(7)))
        Self.typed(&state, "1357")
        _ = state.type("86")
        Golden.check(state.render().0, "change-pin")
    }

    @Test("Enter waits for a PIN of 4 to 8 digits, and says so")
    func shortPIN() {
        var state = F.signedIn(staffIndex: 1)
        _ = state.send(.key(.function(7)))
        _ = state.type("13")
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["error.malformedPIN"])
    }
}
