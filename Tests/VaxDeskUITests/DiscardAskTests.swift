import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

/// Nothing typed is thrown away without asking: Esc on a form with something typed asks first, and
/// Esc again goes back to typing with everything still there.
@Suite("Esc asks before what was typed goes")
struct DiscardAskTests {
    typealias F = DeskFixture

    /// Esc asks; Esc keeps typing (`stillThere` holds); Esc then Enter discards (`gone` holds).
    static func asks(_ state: inout AppState, stillThere: (AppState) -> Bool, gone: (AppState) -> Bool) {
        _ = state.send(.key(.escape))
        #expect(state.render().0.text.contains("Bỏ những gì đã nhập?"))
        _ = state.send(.key(.escape))
        #expect(!state.render().0.text.contains("Bỏ những gì đã nhập?"))
        #expect(stillThere(state), "\(state.render().0.text)")
        _ = state.send(.key(.escape))
        _ = state.send(.key(.enter))
        #expect(gone(state), "\(state.render().0.text)")
    }

    @Test("the walk-in form")
    func walkIn() {
        var state = F.desk(at: .checkIn)
        _ = state.type("lê thị mơ")
        _ = state.answer(CheckInAnswer.searchResults(query: "lê thị mơ", []))
        _ = state.send(.key(.function(3)))
        _ = state.type("12/03/1961")
        Self.asks(&state, stillThere: { $0.render().0.text.contains("12/03/1961") },
                  gone: { !$0.render().0.text.contains("12/03/1961") })
    }

    @Test("an untouched form goes at once: nothing to lose")
    func untouched() {
        var state = F.desk(at: .observation, staffIndex: 3)
        _ = state.answerQueue(.inObservation, [F.entry(F.duc, ticket: 12, stage: .inObservation, minutesAgo: 8, dueInMinutes: 22)])
        _ = state.send(.key(.function(3)))
        _ = state.send(.key(.escape))
        #expect(!state.render().0.text.contains("Bỏ những gì đã nhập?"))
        #expect(state.render().0.text.contains("Đang theo dõi"))
    }

    @Test("the adverse-event form")
    func adverseEvent() {
        var state = F.desk(at: .observation, staffIndex: 3)
        _ = state.answerQueue(.inObservation, [F.entry(F.duc, ticket: 12, stage: .inObservation, minutesAgo: 8, dueInMinutes: 22)])
        _ = state.send(.key(.function(3)))
        _ = state.type("Khó thở, mẩn đỏ")
        Self.asks(&state, stillThere: { $0.render().0.text.contains("Khó thở, mẩn đỏ") },
                  gone: { $0.render().0.text.contains("Đang theo dõi") })
    }

    @Test("the next session's plan")
    func sessionPlan() {
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.function(6)))
        _ = lead.answer(DashboardAnswer.dashboardLoaded(nil))
        _ = lead.send(.key(.function(8)))
        _ = lead.type("Nhà văn hóa khu phố 3")
        Self.asks(&lead, stillThere: { $0.render().0.text.contains("Nhà văn hóa khu phố 3") },
                  gone: { $0.render().0.text.contains("F8: Mở buổi tiêm mới.") })
    }
}
