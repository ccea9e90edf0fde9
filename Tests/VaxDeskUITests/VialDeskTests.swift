import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

/// The injection desk's vials: opened on purpose, drawn from, discarded with a reason.
@Suite("Vials at the injection desk")
struct VialDeskTests {
    typealias F = DeskFixture

    /// The vaccinator's desk, Đức called, preparing his dose; only the Pfizer lot is in date.
    static func preparing(vials: [Vial]) -> (AppState, QueueEntry) {
        var state = F.desk(at: .injection, staffIndex: 2)
        let entry = F.entry(F.duc, ticket: 12, stage: .waitingInjection, minutesAgo: 3)
        _ = state.answerQueue(.waitingInjection, [entry])
        #expect(state.send(.key(.enter)) == [InjectionEffect.queue(.claim(visitID: entry.visitID, stage: .waitingInjection, by: F.staff[2].id)), .loadVials])
        _ = state.answer(InjectionAnswer.vialsLoaded(vials))
        return (state, entry)
    }

    @Test("without an open vial nothing can be injected; F3 opens one of the chosen lot")
    func noVial() {
        var (state, _) = Self.preparing(vials: [])
        #expect(state.render().0.text.contains("chưa mở lọ: F3 để mở"))
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["injection.noOpenVial"])
        #expect(state.send(.key(.function(3))) == [InjectionEffect.openVial(lotID: F.lots[0].id, by: F.staff[2].id)])
    }

    @Test("the dose is drawn from the open vial; its doses left and discard countdown are shown")
    func draw() {
        let vial = F.vial(of: F.lots[0], drawn: 2, openedMinutesAgo: 75)
        var (state, entry) = Self.preparing(vials: [vial])
        #expect(state.render().0.text.contains("lọ: còn 4/6 liều · hủy sau 4:45:00"))
        // A second vial of the same lot waits until this one is finished.
        #expect(state.send(.key(.function(3))).isEmpty)
        #expect(state.notice?.text == state.context.strings["injection.vialStillOpen"])
        _ = state.send(.key(.enter))
        #expect(state.send(.key(.enter)) == [
            InjectionEffect.inject(visitID: entry.visitID, vialID: vial.id, arm: .left, by: F.staff[2].id),
        ])
    }

    @Test("with nobody waiting, F3 from the queue shows the vials: the last one of the day is discarded without calling anyone")
    func vialsWithNobodyCalled() {
        var state = F.desk(at: .injection, staffIndex: 2)
        _ = state.answerQueue(.waitingInjection, [])
        #expect(state.send(.key(.enter)).isEmpty, "nobody to call")
        #expect(state.send(.key(.function(3))) == [InjectionEffect.loadVials])
        let vial = F.vial(of: F.lots[0], drawn: 4, openedMinutesAgo: 90)
        _ = state.answer(InjectionAnswer.vialsLoaded([vial]))
        let screen = state.render().0.text
        #expect(screen.contains("Các lọ vắc xin của buổi tiêm"))
        #expect(!screen.contains("Tay trái"), "no arm to choose with nobody called")
        #expect(state.send(.key(.enter)).isEmpty, "no dose to give")
        _ = state.send(.key(.function(4)))
        _ = state.type("Hết buổi")
        #expect(state.send(.key(.enter)) == [InjectionEffect.discardVial(vialID: vial.id, reason: "Hết buổi", by: F.staff[2].id)])
        _ = state.answer(InjectionAnswer.vialDiscarded(dosesWasted: 2))
        #expect(state.send(.key(.escape)).isEmpty, "back to the queue, nobody to let go of")
        #expect(state.render().0.text.contains("Chờ tiêm: 0 người"))
    }

    @Test("a vial past its discard time is refused, and discarded with a reason that counts its doses wasted")
    func pastDiscardTime() {
        let vial = F.vial(of: F.lots[0], drawn: 5, openedMinutesAgo: 6 * 60 + 2)
        var (state, _) = Self.preparing(vials: [vial])
        let screen = state.render().0.text
        #expect(screen.contains("⚠ lọ quá giờ hủy (09:13): F4 để hủy"))
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["injection.vialPastDiscard"])
        _ = state.send(.key(.function(4)))
        let dialog = state.render().0.text
        #expect(dialog.contains("Số liều còn lại bị hủy: 1"))
        Golden.check(state.render().0, "injection-discard-vial")
        #expect(state.send(.key(.enter)) == [InjectionEffect.discardVial(vialID: vial.id, reason: "Quá giờ hủy", by: F.staff[2].id)])
        #expect(state.answer(InjectionAnswer.vialDiscarded(dosesWasted: 1)).isEmpty)
        #expect(state.send(.databaseChanged).contains(InjectionEffect.loadVials), "the desk's own commit reloads the vials, once")
        #expect(state.notice?.text == "Đã hủy lọ; 1 liều ghi là hao hủy.")
    }

    @Test("a vial another desk emptied meanwhile: the desk says so and looks again, the person stays")
    func emptiedElsewhere() {
        let vial = F.vial(of: F.lots[0], drawn: 5, openedMinutesAgo: 10)
        var (state, _) = Self.preparing(vials: [vial])
        _ = state.send(.key(.enter))
        _ = state.send(.key(.enter))
        #expect(state.answer(.refused(.vialNotUsable)) == [InjectionEffect.loadVials])
        #expect(state.render().0.text.contains("Nguyễn Văn Đức"))
    }
}
