import Foundation
import TerminalKit
import VaxCore
@testable import VaxDeskUI
import VaxResources

/// A desk in a known state: the shipped strings and rules, a fixed clock, a small cast of people.
enum DeskFixture {
    static let timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    /// 26/11/2026 09:15:00 at the site.
    static let now = Date(timeIntervalSince1970: 1_795_659_300)

    static func context(_ language: Language = .vietnamese) -> Context {
        Context(
            strings: try! Strings(language: language, json: VaxResources.data("strings/\(language.rawValue).json")),
            catalog: try! VaccineCatalog(json: VaxResources.data("vaccines.json")),
            checklist: try! Checklist(json: VaxResources.data("checklists/3802-QD-BYT.json")),
            provinces: try! ProvinceCodes(json: VaxResources.data("provinces.json")),
            timeZone: timeZone, now: now)
    }

    static let session = VaccinationSession(
        id: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!, siteID: UUID(), day: "2026-11-26",
        place: "Hội trường", status: .open, openedAt: now)
    static let lots = [
        VaccineLot(id: UUID(uuidString: "00000000-0000-4000-8000-0000000000A1")!, sessionID: session.id,
                   productCode: "pfizer", lotNumber: "FK5127", expiry: LocalDate(year: 2027, month: 2, day: 28)!, dosesReceived: 600),
        VaccineLot(id: UUID(uuidString: "00000000-0000-4000-8000-0000000000A2")!, sessionID: session.id,
                   productCode: "astrazeneca", lotNumber: "A1089", expiry: LocalDate(year: 2026, month: 11, day: 1)!, dosesReceived: 500),
    ]

    static let staff = [
        Staff(id: UUID(uuidString: "00000000-0000-4000-8000-00000000B001")!, code: "DD01", fullName: "Nguyễn Thị Lan", role: .checkInNurse),
        Staff(id: UUID(uuidString: "00000000-0000-4000-8000-00000000B002")!, code: "BS01", fullName: "Lê Văn Hùng", role: .screeningDoctor),
        Staff(id: UUID(uuidString: "00000000-0000-4000-8000-00000000B003")!, code: "TI01", fullName: "Võ Thị Hồng", role: .vaccinator),
        Staff(id: UUID(uuidString: "00000000-0000-4000-8000-00000000B004")!, code: "TD01", fullName: "Bùi Thị Mai", role: .observationNurse),
        Staff(id: UUID(uuidString: "00000000-0000-4000-8000-00000000B005")!, code: "TD00", fullName: "Đặng Văn Minh", role: .siteLead),
    ]

    static let duc = Person(
        id: UUID(uuidString: "00000000-0000-4000-8000-00000000C001")!, fullName: "Nguyễn Văn Đức",
        birthDate: BirthDate(year: 1985, month: 3, day: 7)!, sex: .male, identityNumber: "091085012345",
        phone: "0912345678", commune: "P. Vĩnh Thanh Vân")
    static let ha = Person(
        id: UUID(uuidString: "00000000-0000-4000-8000-00000000C002")!, fullName: "Phạm Thị Thu Hà",
        birthDate: BirthDate(year: 1942), sex: .female, identityNumber: "091142000777", commune: "P. An Hòa")
    static let ducAnh = Person(
        id: UUID(uuidString: "00000000-0000-4000-8000-00000000C003")!, fullName: "Trần Đức Anh",
        birthDate: BirthDate(year: 2001, month: 12, day: 31)!, sex: .male, identityNumber: nil, commune: "X. Phi Thông")

    /// An open vial of `lot` (six doses, discarded six hours after opening).
    static func vial(of lot: VaccineLot, drawn: Int, openedMinutesAgo: Double) -> Vial {
        let opened = now.addingTimeInterval(-openedMinutesAgo * 60)
        return Vial(id: UUID(uuidString: "00000000-0000-4000-8000-0000000000F1")!, lotID: lot.id, productCode: lot.productCode,
                    lotNumber: lot.lotNumber, dosesPerVial: 6, openedAt: opened,
                    discardDue: opened.addingTimeInterval(6 * 3_600), dosesDrawn: drawn)
    }

    static func entry(_ person: Person, ticket: Int, stage: VisitStage, minutesAgo: Double, caution: Bool = false,
                      dueInMinutes: Double? = nil) -> QueueEntry {
        QueueEntry(
            visitID: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", ticket))!, ticket: ticket,
            person: person, stage: stage, doseNumber: 2, since: now.addingTimeInterval(-minutesAgo * 60),
            caution: caution, observationDue: dueInMinutes.map { now.addingTimeInterval($0 * 60) })
    }

    /// A desk signed in as `staffIndex`, on the station picker, with the session loaded.
    /// The idle lock is off unless a test turns it on (`idleLock`): other tests move the clock freely.
    static func signedIn(
        staffIndex: Int = 0, size: Size = .minimum, language: Language = .vietnamese, idleLock: TimeInterval? = nil
    ) -> AppState {
        var state = AppState(context: context(language), size: size, siteName: "Trạm Y tế Phường Vĩnh Thanh Vân",
                             idleLock: idleLock)
        _ = state.answer(.sessionLoaded(session, lots: lots))
        var sync = SyncStatus()
        sync.pending = 3
        _ = state.answer(.syncStatusLoaded(sync))
        _ = state.answer(SignInAnswer.staffLoaded(staff))
        for _ in 0..<staffIndex { _ = state.send(.key(.down)) }
        _ = state.send(.key(.enter))
        _ = state.type(pin)
        _ = state.send(.key(.enter))
        _ = state.answer(SignInAnswer.signedIn(staff[staffIndex]))
        return state
    }

    /// Every fixture staff member's PIN (the store checks it; here its answer is given).
    static let pin = "1357"


    /// A desk signed in as `staffIndex` at `station`, with the session loaded.
    static func desk(at station: Station, staffIndex: Int = 0, size: Size = .minimum, language: Language = .vietnamese) -> AppState {
        var state = signedIn(staffIndex: staffIndex, size: size, language: language)
        _ = state.send(.key(.character(Character(String(Station.allCases.firstIndex(of: station)! + 1)))))
        _ = state.send(.key(.enter))
        return state
    }
}

extension DeskFixture {
    /// A check-in desk (signed in as `staffIndex`) on Đức's last look, his dose history read.
    static func lastLook(of person: Person = duc, history: [PriorDose], staffIndex: Int = 0) -> AppState {
        var state = desk(at: .checkIn, staffIndex: staffIndex)
        _ = state.type("duc")
        _ = state.answer(CheckInAnswer.searchResults(query: "duc", [RosterMatch(person: person, dosesOnRecord: history.count)]))
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: person.id, history))
        return state
    }
}

typealias SignInAnswer = SignInEffect.Answer
typealias CheckInAnswer = CheckInEffect.Answer
typealias ScreeningAnswer = ScreeningEffect.Answer
typealias InjectionAnswer = InjectionEffect.Answer
typealias ObservationAnswer = ObservationEffect.Answer
typealias DashboardAnswer = DashboardEffect.Answer
typealias ImportNews = RosterImportEffect.Answer

extension AppState {
    /// Sends a sequence of keys typed as text.
    mutating func type(_ text: String) -> [AnyEffect] {
        text.flatMap { send(.key(.character($0))) }
    }

    /// An action; the effects it asks for, whoever asked.
    mutating func send(_ action: AppAction) -> [AnyEffect] {
        update(action).map(\.effect)
    }

    /// The answer to what the screen on top asked for: to a write, while the desk is saving.
    mutating func answer(_ answer: some Sendable) -> [AnyEffect] {
        self.answer(.done(answer), to: .screen(screenID))
    }

    /// The answer to what the desk itself asked for (the session, the sync state, the alerts).
    mutating func answer(_ answer: AppAnswer) -> [AnyEffect] {
        self.answer(.done(answer), to: .app)
    }

    /// What the screen on top asked for failed.
    mutating func answer(_ failure: DeskFailure) -> [AnyEffect] {
        answer(.failed(failure), to: .screen(screenID))
    }

    /// The answer to what `requester` asked for (a background job, a screen under the lock).
    mutating func answer(_ answer: some Sendable, to requester: Requester) -> [AnyEffect] {
        self.answer(.done(answer), to: requester)
    }

    /// The station's queue, as the screen on top asked for it.
    mutating func answerQueue(_ stage: VisitStage, _ entries: [QueueEntry]) -> [AnyEffect] {
        let loaded = QueueEffect.Answer.loaded(stage, entries)
        return switch stage {
        case .waitingScreening: answer(ScreeningAnswer.queue(loaded))
        case .waitingInjection: answer(InjectionAnswer.queue(loaded))
        default: answer(ObservationAnswer.queue(loaded))
        }
    }

    mutating func answer(_ outcome: Outcome, to requester: Requester) -> [AnyEffect] {
        send(.answer(Answer(to: requester, endsWrite: isSaving, outcome: outcome)))
    }
}

/// The effects asked for are `expected`, all of one feature.
func == <E: DeskEffect>(lhs: [AnyEffect], rhs: [E]) -> Bool { lhs == rhs.map(AnyEffect.init) }
