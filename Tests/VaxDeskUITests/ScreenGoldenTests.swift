import Foundation
import Testing
import TerminalKit
import VaxCore
@testable import VaxDeskUI

/// Each station drawn at 80×24 (and wider), compared with what a nurse should read.
@Suite("Screens at 80×24")
struct ScreenGoldenTests {
    typealias F = DeskFixture

    @Test("sign-in lists the staff")
    func login() {
        var state = AppState(context: F.context(), size: .minimum, siteName: "Trạm Y tế Phường Vĩnh Thanh Vân")
        _ = state.answer(SignInAnswer.staffLoaded(F.staff))
        _ = state.answer(.sessionLoaded(F.session, lots: F.lots))
        Golden.check(state.render().0, "login")
    }

    @Test("check-in: results as you type")
    func checkInResults() {
        var state = F.desk(at: .checkIn)
        _ = state.type("duc")
        _ = state.answer(CheckInAnswer.searchResults(query: "duc", [
            RosterMatch(person: F.duc, dosesOnRecord: 1),
            RosterMatch(person: F.ducAnh, dosesOnRecord: 0, ticketToday: 7),
        ]))
        let (buffer, cursor) = state.render()
        Golden.check(buffer, "checkin-results")
        #expect(cursor?.y == 2)
    }

    @Test("check-in: the last look before the ticket")
    func checkInConfirm() {
        var state = F.desk(at: .checkIn)
        _ = state.type("duc")
        _ = state.answer(CheckInAnswer.searchResults(query: "duc", [RosterMatch(person: F.duc, dosesOnRecord: 1)]))
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.duc.id, [PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-08-10")]))
        Golden.check(state.render().0, "checkin-confirm")
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.checkedIn(ticket: 42))
        Golden.check(state.render().0, "checkin-ticket")
    }

    @Test("screening: the checklist and its outcome")
    func screeningChecklist() {
        var state = F.desk(at: .screening, staffIndex: 1)
        _ = state.answerQueue(.waitingScreening, [
            F.entry(F.duc, ticket: 12, stage: .waitingScreening, minutesAgo: 7),
            F.entry(F.ha, ticket: 13, stage: .waitingScreening, minutesAgo: 2),
        ])
        Golden.check(state.render().0, "screening-queue")
        _ = state.send(.key(.enter))
        for value in ["36,6", "76", "118", "76", "16"] { _ = state.type(value) }
        for key: Key in [.character("k"), .character("k"), .character("k"), .character("k"), .character("k"), .character("c")] {
            _ = state.send(.key(key))
        }
        Golden.check(state.render().0, "screening-checklist")
        // F1 on the checklist lists the keys the checklist reads itself, and no hint of another screen.
        _ = state.send(.key(.function(1)))
        let help = state.render().0
        #expect(help.text.contains("c / k"))
        #expect(!help.text.contains("Tìm:") || !help.text.contains("CCCD/SĐT"))
        Golden.check(help, "help-checklist")
    }

    @Test("injection: lot, arm and the identity check")
    func injection() {
        var state = F.desk(at: .injection, staffIndex: 2)
        _ = state.answerQueue(.waitingInjection, [F.entry(F.ha, ticket: 13, stage: .waitingInjection, minutesAgo: 4, caution: true)])
        _ = state.send(.key(.enter))
        _ = state.answer(InjectionAnswer.vialsLoaded([F.vial(of: F.lots[0], drawn: 2, openedMinutesAgo: 75)]))
        _ = state.send(.key(.character("p")))
        Golden.check(state.render().0, "injection-prepare")
        _ = state.send(.key(.enter))
        Golden.check(state.render().0, "injection-confirm")
    }

    @Test("observation: countdowns, soonest due first, due ones marked")
    func observation() {
        var state = F.desk(at: .observation, staffIndex: 3)
        _ = state.answerQueue(.inObservation, [
            F.entry(F.duc, ticket: 12, stage: .inObservation, minutesAgo: 31, dueInMinutes: -1),
            F.entry(F.ha, ticket: 13, stage: .inObservation, minutesAgo: 20, caution: true, dueInMinutes: 40),
        ])
        Golden.check(state.render().0, "observation-board")
        _ = state.send(.key(.down))
        _ = state.send(.key(.enter))
        _ = state.type("Người nhà xin về")
        Golden.check(state.render().0, "observation-early")
    }

    @Test("below 80×24 the screen says so")
    func tooSmall() {
        var state = F.desk(at: .checkIn)
        _ = state.send(.resized(Size(columns: 60, rows: 20)))
        Golden.check(state.render().0, "too-small")
        _ = state.send(.resized(.minimum))
        #expect(state.render().0.lines[0].hasPrefix("VaxDesk"))
    }

    @Test("help lists every key with why a disabled one does nothing")
    func help() {
        var state = F.desk(at: .checkIn)
        _ = state.send(.key(.function(1)))
        Golden.check(state.render().0, "help-checkin")
    }

    @Test("every station on a wide terminal", arguments: [Station.screening, .injection, .observation])
    func wideStations(station: Station) {
        var state = F.desk(at: station, staffIndex: Station.allCases.firstIndex(of: station)!, size: Size(columns: 160, rows: 48))
        let stage: VisitStage = switch station {
        case .screening: .waitingScreening
        case .injection: .waitingInjection
        default: .inObservation
        }
        _ = state.answerQueue(stage, [
            F.entry(F.duc, ticket: 12, stage: stage, minutesAgo: 9, dueInMinutes: station == .observation ? 21 : nil),
            F.entry(F.ha, ticket: 13, stage: stage, minutesAgo: 4, caution: true,
                    dueInMinutes: station == .observation ? 56 : nil),
        ])
        Golden.check(state.render().0, "\(station.rawValue)-wide")
    }

    @Test("a wide terminal uses the room", arguments: [Language.vietnamese, .english])
    func wide(language: Language) {
        var state = F.desk(at: .checkIn, size: Size(columns: 120, rows: 30), language: language)
        _ = state.type("duc")
        _ = state.answer(CheckInAnswer.searchResults(query: "duc", [RosterMatch(person: F.duc, dosesOnRecord: 2)]))
        Golden.check(state.render().0, "checkin-wide-\(language.rawValue)")
    }
}
