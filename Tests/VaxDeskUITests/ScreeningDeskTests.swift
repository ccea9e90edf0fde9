import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

/// The screening desk beyond the checklist: vital signs, consent, a recorded outcome other than the
/// computed one.
@Suite("Screening: vital signs, consent, the recorded outcome")
struct ScreeningDeskTests {
    typealias F = DeskFixture

    static func calling() -> (AppState, QueueEntry) {
        var state = F.desk(at: .screening, staffIndex: 1)
        let entry = F.entry(F.duc, ticket: 12, stage: .waitingScreening, minutesAgo: 6)
        _ = state.answer(.queueLoaded(.waitingScreening, [entry]))
        _ = state.send(.key(.enter))
        return (state, entry)
    }

    static func typeVitals(_ state: inout AppState, _ values: [String]) {
        _ = state.send(.key(.function(3)))
        for (index, value) in values.enumerated() {
            if index > 0 { _ = state.send(.key(.tab)) }
            _ = state.type(value)
        }
        _ = state.send(.key(.enter))
    }

    @Test("an abnormal temperature sets item 10 and makes the person the caution group; the item cannot be unset")
    func abnormalVitals() {
        var (state, _) = Self.calling()
        Self.typeVitals(&state, ["38,2", "88", "120", "80", "18"])
        let screen = state.render().0.text
        #expect(screen.contains("Sinh hiệu: 38,2 °C ✗ · mạch 88 · HA 120/80 · thở 18"))
        #expect(screen.contains("Kết luận: Nhóm thận trọng khi tiêm chủng"))
        Golden.check(state.render().0, "screening-vitals")
        for _ in 0..<10 { _ = state.send(.key(.down)) }
        _ = state.send(.key(.character(" ")))
        #expect(state.notice?.text == state.context.strings["screening.vitalsSetItem"])
    }

    @Test("implausible measurements are refused field by field; empty fields stay unmeasured")
    func implausible() {
        var (state, _) = Self.calling()
        Self.typeVitals(&state, ["3,68", "", "", "", ""])
        #expect(state.render().0.text.contains(state.context.strings["screening.vitalImplausible"]))
    }

    @Test("going on to injection needs consent; vitals and answers go with the decision")
    func consent() {
        var (state, entry) = Self.calling()
        Self.typeVitals(&state, ["36,6", "76", "118", "76", "16"])
        _ = state.send(.key(.enter))
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["screening.consentNeeded"])
        _ = state.send(.key(.function(4)))
        let effects = state.send(.key(.enter))
        guard case .saveScreening(let decision, _)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(decision.visitID == entry.visitID && decision.consent && decision.outcome == .eligible)
        #expect(decision.vitals == VitalSigns(temperature: 36.6, pulse: 76, systolic: 118, diastolic: 76, respiratoryRate: 16))
    }

    @Test("a stricter outcome is recorded freely; a more lenient one needs a reason")
    func recordedOutcome() {
        var (state, _) = Self.calling()
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("c")))  // item 3, acute illness: deferral
        _ = state.send(.key(.enter))
        // Stricter: contraindicated, no reason, no consent needed.
        var stricter = state
        _ = stricter.send(.key(.left))
        guard case .saveScreening(let strict, _)? = stricter.send(.key(.enter)).first else { Issue.record("stricter"); return }
        #expect(strict.outcome == .contraindicated && strict.computedOutcome == .deferred && strict.overrideReason == nil)
        // More lenient: the caution group, with a reason and consent.
        _ = state.send(.key(.right))
        _ = state.send(.key(.right))
        _ = state.send(.key(.function(4)))
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["screening.lenientNeedsReason"])
        _ = state.type("Sốt nhẹ do mọc răng khôn, đã hết")
        Golden.check(state.render().0, "screening-lenient")
        guard case .saveScreening(let lenient, _)? = state.send(.key(.enter)).first else { Issue.record("lenient"); return }
        #expect(lenient.outcome == .caution && lenient.computedOutcome == .deferred)
        #expect(lenient.overrideReason == "Sốt nhẹ do mọc răng khôn, đã hết" && lenient.consent)
    }
}

@Suite("Screening: the note for a person not vaccinated today")
struct ScreeningNoteTests {
    typealias F = DeskFixture

    @Test("a deferral ends with a note of why and when to come back")
    func deferral() {
        var (state, _) = ScreeningDeskTests.calling()
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("c")))
        _ = state.send(.key(.enter))
        guard case .saveScreening(let decision, _)? = state.send(.key(.enter)).first else {
            Issue.record("not saved")
            return
        }
        #expect(decision.outcome == .deferred && !decision.consent)
        _ = state.answer(.screeningSaved(.deferred))
        let note = state.render().0.text
        #expect(note.contains("Giấy báo cho người đến tiêm"))
        #expect(note.contains("Mục 3: Đang mắc bệnh cấp tính"))
        #expect(note.contains("→ Quay lại khi đã khỏi bệnh cấp tính."))
        Golden.check(state.render().0, "screening-deferral-note")
        _ = state.send(.key(.enter))
        #expect(state.render().0.text.contains("Chờ khám sàng lọc"))
    }
}
