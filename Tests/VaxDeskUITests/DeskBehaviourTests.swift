import Foundation
import Testing
import TerminalKit
import VaxCore
@testable import VaxDeskUI

/// What each key does to the state and which effects it asks for.
@Suite("Desk behaviour")
struct DeskBehaviourTests {
    typealias F = DeskFixture

    @Test("typing searches; results of an older query are ignored")
    func searchAsYouType() {
        var state = F.desk(at: .checkIn)
        #expect(state.type("đu") == [CheckInEffect.search("đ"), .search("đu")])
        _ = state.answer(CheckInAnswer.searchResults(query: "đ", [RosterMatch(person: F.ha, dosesOnRecord: 0)]))
        guard case .checkIn(let screen) = state.screen else { Issue.record("not at check-in"); return }
        #expect(screen.results.isEmpty)
    }

    @Test("Enter with nothing to choose says why, and does nothing else")
    func disabledEnter() {
        var state = F.desk(at: .checkIn)
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["checkIn.nothingToChoose"])
    }

    @Test("check-in asks for the dose history, then checks in with the next dose")
    func checkInFlow() {
        var state = F.desk(at: .checkIn)
        _ = state.type("duc")
        _ = state.answer(CheckInAnswer.searchResults(query: "duc", [RosterMatch(person: F.duc, dosesOnRecord: 1)]))
        #expect(state.send(.key(.enter)) == [CheckInEffect.loadDoseHistory(personID: F.duc.id)])
        // Enter before the history is read is disabled.
        #expect(state.send(.key(.enter)).isEmpty)
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.duc.id, [PriorDose(doseNumber: 1, productCode: "pfizer", givenOn: "2021-09-01")]))
        let effects = state.send(.key(.enter))
        guard case .checkIn(let person, let override, let by)? = effects.first?.as(CheckInEffect.self) else { Issue.record("no check-in: \(effects)"); return }
        #expect(person == F.duc && override == nil && by == F.staff[0].id)
        #expect(state.isSaving)
        #expect(state.send(.key(.escape)).isEmpty, "keys wait while saving")
    }

    @Test("a person who already has a ticket cannot be checked in twice")
    func alreadyTicketed() {
        var state = F.desk(at: .checkIn)
        _ = state.type("duc")
        _ = state.answer(CheckInAnswer.searchResults(query: "duc", [RosterMatch(person: F.duc, dosesOnRecord: 1, ticketToday: 4)]))
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["checkIn.alreadyHasTicket"])
    }

    @Test("screening saves the computed outcome with the checklist version")
    func screeningSave() {
        var state = F.desk(at: .screening, staffIndex: 1)
        let entry = F.entry(F.duc, ticket: 12, stage: .waitingScreening, minutesAgo: 3)
        _ = state.answerQueue(.waitingScreening, [entry])
        _ = state.send(.key(.enter))
        for value in ["36,6", "76", "118", "76", "16"] { _ = state.type(value) }
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("k")))
        _ = state.send(.key(.character("c")))
        _ = state.send(.key(.function(5)))
        let effects = state.send(.key(.enter))
        guard case .save(let decision, _)? = effects.first?.as(ScreeningEffect.self) else { Issue.record("\(effects)"); return }
        #expect(decision.visitID == entry.visitID)
        #expect(decision.yesItems == ["3"])
        #expect(decision.answers.byItem.count == 9, "every item asked of a man, each with its answer")
        #expect(decision.outcome == .deferred && decision.computedOutcome == .deferred)
        #expect(decision.checklistVersion == "3802/QĐ-BYT")
        #expect(!decision.consent)
    }

    @Test("discharge before the due time needs a reason")
    func earlyDischarge() {
        var state = F.desk(at: .observation, staffIndex: 3)
        let entry = F.entry(F.duc, ticket: 12, stage: .inObservation, minutesAgo: 10, dueInMinutes: 20)
        _ = state.answerQueue(.inObservation, [entry])
        _ = state.send(.key(.enter))
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["observation.reasonRequired"])
        _ = state.type("Đau đầu, người nhà đưa đi khám")
        #expect(state.send(.key(.enter)) == [
            ObservationEffect.discharge(visitID: entry.visitID, earlyReason: "Đau đầu, người nhà đưa đi khám", adverseEvent: nil, by: F.staff[3].id),
        ])
    }

    @Test("a due person is discharged without a reason")
    func dueDischarge() {
        var state = F.desk(at: .observation, staffIndex: 3)
        let entry = F.entry(F.duc, ticket: 12, stage: .inObservation, minutesAgo: 31, dueInMinutes: -1)
        _ = state.answerQueue(.inObservation, [entry])
        _ = state.send(.key(.enter))
        #expect(state.send(.key(.enter)) == [ObservationEffect.discharge(visitID: entry.visitID, earlyReason: nil, adverseEvent: nil, by: F.staff[3].id)])
    }

    @Test("another desk's write refreshes what is on screen")
    func liveRefresh() {
        var state = F.desk(at: .screening, staffIndex: 1)
        #expect(state.send(.databaseChanged) == [AnyEffect(AppEffect.loadSyncStatus), AnyEffect(AppEffect.loadSession), AnyEffect(AppEffect.loadAlerts),
                                                   AnyEffect(ScreeningEffect.queue(.load(.waitingScreening)))])
    }

    @Test("a refusal is shown in words and the desk goes back to its queue")
    func refusal() {
        var state = F.desk(at: .screening, staffIndex: 1)
        _ = state.answerQueue(.waitingScreening, [F.entry(F.duc, ticket: 12, stage: .waitingScreening, minutesAgo: 3)])
        _ = state.send(.key(.enter))
        _ = state.send(.key(.enter))
        _ = state.send(.key(.enter))
        let effects = state.answer(.refused(.notAtStage(expected: .waitingScreening, actual: .waitingInjection)))
        #expect(effects == [ScreeningEffect.queue(.load(.waitingScreening))])
        #expect(!state.isSaving)
        #expect(state.notice?.tone == .danger)
        #expect(state.notice?.text == state.context.strings["error.notAtStage"])
    }

    @Test("F10 quits, even on a screen that is too small")
    func quit() {
        var state = F.desk(at: .checkIn)
        _ = state.send(.resized(Size(columns: 40, rows: 10)))
        #expect(state.send(.key(.function(10))).isEmpty)
        #expect(state.wantsQuit)
    }
}

@Suite("Scanning a CCCD card at check-in")
struct CardScanTests {
    typealias F = DeskFixture
    static let qr = "091085012345||Nguyễn Văn Đức|07031985|Nam|12 Lê Lợi, Rạch Giá|15042021"

    @Test("the scanner's string and Enter look the person up by the card's number")
    func scan() {
        var state = F.desk(at: .checkIn)
        _ = state.type(Self.qr)
        #expect(state.send(.key(.enter)) == [CheckInEffect.search("091085012345")])
        var onRoster = F.duc
        onRoster.birthDate = BirthDate(year: 1985)
        let effects = state.answer(CheckInAnswer.searchResults(query: "091085012345", [RosterMatch(person: onRoster, dosesOnRecord: 0)]))
        #expect(effects == [CheckInEffect.loadDoseHistory(personID: F.duc.id)])
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.duc.id, []))
        let screen = state.render().0.text
        #expect(screen.contains("Thẻ và danh sách khác nhau"))
        #expect(screen.contains("Ngày sinh: thẻ 07/03/1985, danh sách 1985"))
        Golden.check(state.render().0, "checkin-card-differs")
    }

    @Test("a card nobody on the roster holds is said so")
    func notOnRoster() {
        var state = F.desk(at: .checkIn)
        _ = state.type(Self.qr)
        _ = state.send(.key(.enter))
        #expect(state.answer(CheckInAnswer.searchResults(query: "091085012345", [])).isEmpty)
        #expect(state.render().0.text.contains("Thẻ CCCD 091085012345 (Nguyễn Văn Đức) không có trong danh sách."))
    }
}

@Suite("Dose intervals at check-in")
struct TooEarlyTests {
    typealias F = DeskFixture

    @Test("a second dose before its interval is refused with the date it becomes possible")
    func tooEarly() {
        // Pfizer on 20/11/2026: the second dose is possible from 11/12/2026; today is 26/11/2026.
        var state = F.lastLook(history: [PriorDose(doseNumber: 1, productCode: "pfizer", givenOn: "2026-11-20")])
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == "Quá sớm: tiêm được từ 11/12/2026 (≥ 21 ngày sau mũi trước).")
        Golden.check(state.render().0, "checkin-too-early")
    }
}

@Suite("A desk of someone not on the session's team")
struct OffTeamDeskTests {
    typealias F = DeskFixture

    @Test("the station picker says so, and the check-in keys give the reason")
    func offTeam() {
        var state = F.signedIn(staffIndex: 0)
        var session = F.session
        session.team = [F.staff[1].id]
        _ = state.answer(.sessionLoaded(session, lots: F.lots))
        #expect(state.render().0.text.contains(state.context.strings["stations.notOnTeam"]))
        #expect(state.context.refusal(.checkIn) == state.context.strings.message(for: .notOnTeam))
        #expect(state.context.refusal(.viewDashboard) != state.context.strings.message(for: .notOnTeam))
        session.team.insert(F.staff[0].id)
        _ = state.answer(.sessionLoaded(session, lots: F.lots))
        #expect(!state.render().0.text.contains(state.context.strings["stations.notOnTeam"]))
    }
}
