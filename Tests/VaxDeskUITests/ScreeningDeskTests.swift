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

    /// The doctor calls the next person: the vital-signs form comes first.
    static func calling(_ person: Person = F.duc) -> (AppState, QueueEntry) {
        var state = F.desk(at: .screening, staffIndex: 1)
        let entry = F.entry(person, ticket: 12, stage: .waitingScreening, minutesAgo: 6)
        _ = state.answerQueue(.waitingScreening, [entry])
        _ = state.send(.key(.enter))
        return (state, entry)
    }

    /// Types the signs as a doctor does: each whole value goes on to the next field by itself, and the
    /// last one returns to the checklist.
    static func typeVitals(_ state: inout AppState, _ values: [String]) {
        for value in values { _ = state.type(value) }
    }

    /// Called, with normal signs taken.
    static func measured(_ person: Person = F.duc) -> (AppState, QueueEntry) {
        var (state, entry) = calling(person)
        typeVitals(&state, ["36,6", "76", "118", "76", "16"])
        return (state, entry)
    }

    @Test("an abnormal temperature answers item 10 Có; the item cannot be unset; the rest are still to ask")
    func abnormalVitals() {
        var (state, _) = Self.calling()
        Self.typeVitals(&state, ["38,2", "88", "120", "80", "18"])
        let screen = state.render().0.text
        #expect(screen.contains("Sinh hiệu: 38,2 °C ✗ · mạch 88 · HA 120/80 · thở 18"))
        #expect(screen.contains("[Có]     10"))
        #expect(screen.contains("Còn 8 mục chưa hỏi"), "nine items for a man, one answered by the signs")
        #expect(!screen.contains("Kết luận:"), "no conclusion before every item is asked")
        Golden.check(state.render().0, "screening-vitals")
        for _ in 0..<10 { _ = state.send(.key(.down)) }
        _ = state.send(.key(.character(" ")))
        #expect(state.notice?.text == state.context.strings["screening.vitalsSetItem"])
        _ = state.send(.key(.function(5)))
        #expect(state.render().0.text.contains("Theo phiếu:     Nhóm thận trọng khi tiêm chủng"))
    }

    @Test("each field goes on by itself once its value is whole; a value that may still grow waits")
    func autoAdvance() {
        var (state, _) = Self.calling()
        _ = state.type("36,8")
        _ = state.type("12")  // a pulse of 12 is not whole: it may become 120
        _ = state.type("0")
        _ = state.type("95")
        _ = state.type("60")
        guard case .screening(let screen) = state.screen, case .vitals(_, let form) = screen.phase else {
            Issue.record("left the form too early"); return
        }
        #expect(form.values == [.temperature: "36,8", .pulse: "120", .systolic: "95", .diastolic: "60", .respiratoryRate: ""])
        #expect(form.focused == .respiratoryRate)
        _ = state.type("20")
        guard case .screening(let after) = state.screen, case .checklist = after.phase else { Issue.record("not saved"); return }
        #expect(after.vitals == VitalSigns(temperature: 36.8, pulse: 120, systolic: 95, diastolic: 60, respiratoryRate: 20))
    }

    @Test("implausible measurements are refused field by field: 3,68 °C, 300/20, 80/120", arguments: [
        (["3,68", "", "", "", ""], [VitalSigns.Field.temperature]),
        (["", "", "300", "20", ""], [.systolic, .diastolic]),
        (["", "", "80", "120", ""], [.systolic, .diastolic]),
        (["", "", "120", "", ""], [.diastolic]),
    ])
    func implausible(values: [String], wrong: [VitalSigns.Field]) {
        var (state, _) = Self.calling()
        for (index, value) in values.enumerated() where !value.isEmpty {
            while case .screening(let now) = state.screen, case .vitals(_, let current) = now.phase,
                  current.focused != VitalSigns.Field.allCases[index] {
                _ = state.send(.key(.tab))
            }
            _ = state.type(value)
        }
        _ = state.send(.key(.enter))
        guard case .screening(let screen) = state.screen, case .vitals(_, let form) = screen.phase else {
            Issue.record("accepted \(values)"); return
        }
        #expect(Set(wrong).isSubset(of: Set(VitalSigns.Field.allCases.filter { form.problems[$0] != nil })), "\(values)")
        #expect(state.render().0.text.contains(state.context.strings["screening.vitalImplausible"]))
    }

    @Test("nothing starts answered: Enter is refused until every item is asked; a man is not asked 4a/4b, a woman is")
    func askedNotDefaulted() {
        var (state, _) = Self.measured()
        var screen = state.render().0.text
        #expect(!screen.contains("4a") && !screen.contains("4b"))
        #expect(screen.contains("Còn 8 mục chưa hỏi"), "nine items for a man, item 10 answered by the signs")
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text.contains("Còn mục của phiếu sàng lọc chưa hỏi: 1, 2, 3, 5, 6, 7, 8, 9") == true, "\(state.notice?.text ?? "")")
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("c")))
        screen = state.render().0.text
        #expect(screen.contains("[Không]  1") && screen.contains("[Có]     2") && screen.contains("[     ]  3"))

        var (woman, _) = Self.measured(F.ha)
        let asked = woman.render().0.text
        #expect(asked.contains("4a") && asked.contains("4b") && asked.contains("Còn 10 mục chưa hỏi"))
        for key: Key in [.character("k"), .character("k"), .character("k"), .character("c")] { _ = woman.send(.key(key)) }
        #expect(woman.render().0.text.contains("[Không]  4b"), "4a Có answers 4b Không")
    }

    @Test("without vital signs the conclusion waits for a reason, which goes with the decision")
    func vitalsNotTaken() {
        var (state, _) = Self.calling()
        _ = state.type("36")
        _ = state.send(.key(.escape))  // kept as typed, to finish later
        _ = state.send(.key(.function(5)))
        var screen = state.render().0.text
        #expect(screen.contains("Sinh hiệu: F3 để đo, F6 nếu không đo được"))
        #expect(!screen.contains("Kết luận:"))
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["error.vitalSignsMissing"])
        _ = state.send(.key(.function(3)))
        guard case .screening(let s1) = state.screen, case .vitals(_, let form) = s1.phase else { Issue.record("no form"); return }
        #expect(form.values[.temperature] == "36", "what was typed is still there")
        _ = state.send(.key(.escape))
        _ = state.send(.key(.function(6)))
        _ = state.type("Máy đo huyết áp hỏng")
        _ = state.send(.key(.enter))
        screen = state.render().0.text
        #expect(screen.contains("Theo phiếu:     Đủ điều kiện tiêm chủng ngay"), "\(screen)")
        _ = state.send(.key(.function(4)))
        guard case .save(let decision, _)? = state.send(.key(.enter)).first?.as(ScreeningEffect.self) else { Issue.record("not saved"); return }
        #expect(decision.vitals == nil && decision.vitalsNotTakenReason == "Máy đo huyết áp hỏng")
        #expect(decision.answers["10"] == false, "item 10 was asked, since no signs answered it")
    }

    @Test("Esc on a screening under way asks before anything typed goes")
    func discardAsks() {
        var (state, _) = Self.measured()
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.escape))
        #expect(state.render().0.text.contains("Bỏ những gì đã nhập?"))
        _ = state.send(.key(.escape))
        guard case .screening(let kept) = state.screen, case .checklist = kept.phase else { Issue.record("not back"); return }
        #expect(kept.answers["1"] == false && kept.vitals.isComplete)
        _ = state.send(.key(.escape))
        _ = state.send(.key(.enter))
        #expect(state.render().0.text.contains("Chờ khám sàng lọc"))
    }

    @Test("going on to injection needs consent; the vital signs and every answer go with the decision")
    func consent() {
        var (state, entry) = Self.measured()
        _ = state.send(.key(.function(5)))
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["screening.consentNeeded"])
        _ = state.send(.key(.function(4)))
        let effects = state.send(.key(.enter))
        guard case .save(let decision, _)? = effects.first?.as(ScreeningEffect.self) else { Issue.record("\(effects)"); return }
        #expect(decision.visitID == entry.visitID && decision.consent && decision.outcome == .eligible)
        #expect(decision.vitals == VitalSigns(temperature: 36.6, pulse: 76, systolic: 118, diastolic: 76, respiratoryRate: 16))
        #expect(decision.answers.byItem.count == 9 && decision.answers.yesItems.isEmpty)
    }

    @Test("a person told the dose is safe who declines it: F8 records a refusal, not a consent forgotten; with consent ticked F8 is refused")
    func refusal() {
        var (state, entry) = Self.measured()
        _ = state.send(.key(.function(5)))
        let bar = state.render().0.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("F4 Đồng ý tiêm  F8 Từ chối tiêm  Esc Quay lại"), "\(bar)")
        _ = state.send(.key(.function(4)))
        #expect(state.send(.key(.function(8))).isEmpty, "consent ticked: no refusal")
        _ = state.send(.key(.function(4)))
        let effects = state.send(.key(.function(8)))
        guard case .save(let decision, _)? = effects.first?.as(ScreeningEffect.self) else { Issue.record("\(effects)"); return }
        #expect(decision.visitID == entry.visitID && decision.refused && !decision.consent && decision.endsAsRefusal)
        #expect(decision.problem == nil && decision.outcome == .eligible)
        _ = state.answer(ScreeningAnswer.saved(.eligible, refused: true))
        #expect(state.notice?.text == "Số 12: người được tiêm từ chối tiêm, đã ghi.")
        #expect(state.render().0.text.contains("Chờ khám sàng lọc"), "back to the queue")
    }

    @Test("a stricter outcome is recorded freely; a more lenient one needs a reason")
    func recordedOutcome() {
        var (state, _) = Self.measured()
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("c")))  // item 3, acute illness: deferral
        _ = state.send(.key(.function(5)))
        // Stricter: contraindicated, no reason, no consent needed.
        var stricter = state
        _ = stricter.send(.key(.left))
        guard case .save(let strict, _)? = stricter.send(.key(.enter)).first?.as(ScreeningEffect.self) else { Issue.record("stricter"); return }
        #expect(strict.outcome == .contraindicated && strict.computedOutcome == .deferred && strict.overrideReason == nil)
        // More lenient: the caution group, with a reason and consent.
        _ = state.send(.key(.right))
        _ = state.send(.key(.right))
        _ = state.send(.key(.function(4)))
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["screening.lenientNeedsReason"])
        _ = state.type("Sốt nhẹ do mọc răng khôn, đã hết")
        Golden.check(state.render().0, "screening-lenient")
        guard case .save(let lenient, _)? = state.send(.key(.enter)).first?.as(ScreeningEffect.self) else { Issue.record("lenient"); return }
        #expect(lenient.outcome == .caution && lenient.computedOutcome == .deferred)
        #expect(lenient.overrideReason == "Sốt nhẹ do mọc răng khôn, đã hết" && lenient.consent)
    }
}

@Suite("Screening: calling claims the person")
struct ScreeningClaimTests {
    typealias F = DeskFixture

    @Test("someone another desk called is shown as theirs and cannot be called; the next ticket skips them")
    func claimedElsewhere() {
        var state = F.desk(at: .screening, staffIndex: 1)
        var taken = F.entry(F.duc, ticket: 12, stage: .waitingScreening, minutesAgo: 9)
        taken.claimedBy = "BS02"
        let free = F.entry(F.ha, ticket: 13, stage: .waitingScreening, minutesAgo: 4)
        _ = state.answerQueue(.waitingScreening, [taken, free])
        let screen = state.render().0.text
        #expect(screen.contains("tiếp theo: số 13"))
        #expect(screen.contains("đang ở BS02"))
        _ = state.send(.key(.up))
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == "BS02 đã gọi người này ở bàn khác: hãy chọn người khác (↑/↓).")
        _ = state.send(.key(.down))
        #expect(state.send(.key(.enter)) == [ScreeningEffect.queue(.claim(visitID: free.visitID, stage: .waitingScreening, by: F.staff[1].id))])
    }

    @Test("a claim refused (another desk was first) takes the screen back to the queue, saying who; Esc and signing out let go")
    func refusedAndReleased() {
        var (state, entry) = ScreeningDeskTests.calling()
        let reload = state.answer(.refused(.claimedElsewhere(code: "BS02", name: "Phạm Thị Thu Hà")))
        #expect(state.notice?.text == "Phạm Thị Thu Hà (BS02) đã gọi người này ở bàn khác: hãy gọi người khác.")
        #expect(state.render().0.text.contains("Chờ khám sàng lọc"))
        #expect(reload.contains(ScreeningEffect.queue(.load(.waitingScreening))))

        (state, _) = ScreeningDeskTests.calling()
        _ = state.send(.key(.escape))  // out of the signs form, nothing typed
        #expect(state.send(.key(.escape)) == [ScreeningEffect.queue(.releaseClaim(visitID: entry.visitID))])

        (state, _) = ScreeningDeskTests.measured()
        #expect(state.send(.key(.function(9))).contains(QueueEffect.releaseClaim(visitID: entry.visitID)))
    }
}

@Suite("Screening: the note for a person not vaccinated today")
struct ScreeningNoteTests {
    typealias F = DeskFixture

    @Test("a deferral ends with a note of why and when to come back")
    func deferral() {
        var (state, _) = ScreeningDeskTests.measured()
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("c")))
        _ = state.send(.key(.function(5)))
        guard case .save(let decision, _)? = state.send(.key(.enter)).first?.as(ScreeningEffect.self) else {
            Issue.record("not saved")
            return
        }
        #expect(decision.outcome == .deferred && !decision.consent)
        _ = state.answer(ScreeningAnswer.saved(.deferred, refused: false))
        let note = state.render().0.text
        #expect(note.contains("Giấy báo cho người đến tiêm"))
        #expect(note.contains("Mục 3: Đang mắc bệnh cấp tính"))
        #expect(note.contains("→ Quay lại khi đã khỏi bệnh cấp tính."))
        Golden.check(state.render().0, "screening-deferral-note")
        _ = state.send(.key(.enter))
        #expect(state.render().0.text.contains("Chờ khám sàng lọc"))
    }
}
