import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

/// A whole CCCD the roster lacks, at a desk with a centre: the centre is asked, its answer shown with the
/// doses other sites gave, and taken onto the roster with one key; with no answer, the desk says so and
/// the walk-in form starts from the number.
@Suite("Asking the centre at check-in")
struct CentreLookupDeskTests {
    typealias F = DeskFixture
    static let cccd = "079085001234"

    /// The centre's answer about `cccd`.
    static func lookup() throws -> CentreLookup {
        try CentreLookup(identifier: cccd, searchset: Data(bundle(cccd).utf8))
    }

    static func desk() -> AppState {
        var state = F.desk(at: .checkIn)
        state.context.canAskCentre = true
        return state
    }

    @Test("nobody on the roster holds the number: the centre is asked; its person is taken with Enter, the last look follows")
    func takenFromCentre() throws {
        var state = Self.desk()
        _ = state.type(Self.cccd)
        #expect(state.answer(CheckInAnswer.searchResults(query: Self.cccd, [])) == [CheckInEffect.askCentre(Self.cccd)])
        #expect(state.render().0.text.contains("Đang hỏi trung tâm"))
        let lookup = try Self.lookup()
        _ = state.answer(CheckInAnswer.centreAnswered(identifier: Self.cccd, .answered(lookup)))
        let screen = state.render().0.text
        #expect(screen.contains("Trung tâm có 1 người mang số 079085001234"), "\(screen)")
        #expect(screen.contains("Mũi 1") && screen.contains("TYT Phường An Hòa"), "\(screen)")
        Golden.check(state.render().0, "checkin-centre-found")

        let found = try #require(lookup.people.first)
        #expect(found.person.identityNumber == Self.cccd && found.person.sex == .male && found.doses.count == 1)
        #expect(state.send(.key(.enter)) == [CheckInEffect.acceptFromCentre(found, by: F.staff[0].id)])
        #expect(state.answer(CheckInAnswer.acceptedFromCentre(found.person)) == [CheckInEffect.loadDoseHistory(personID: found.person.id)])
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: found.person.id, found.doses.map(\.dose)))
        let last = state.render().0.text
        #expect(last.contains("Nguyễn Văn Đức") && last.contains("TYT Phường An Hòa") && last.contains("mũi 2"), "\(last)")
    }

    @Test("no answer: the desk says it could not ask, and F3 opens the walk-in form with the number in it")
    func couldNotAsk() {
        var state = Self.desk()
        _ = state.type(Self.cccd)
        _ = state.answer(CheckInAnswer.searchResults(query: Self.cccd, []))
        _ = state.answer(CheckInAnswer.centreAnswered(identifier: Self.cccd, .couldNotAsk(.noAnswer)))
        Golden.check(state.render().0, "checkin-centre-unreachable")
        #expect(state.send(.key(.enter)).isEmpty, "nothing to choose")
        _ = state.send(.key(.function(3)))
        #expect(state.render().0.text.contains(Self.cccd), "the walk-in form has the number")
    }

    @Test("F7 at the last look asks the centre about a person on the roster; what it has of them is filed and the last look read again")
    func askedAtLastLook() throws {
        var state = Self.desk()
        _ = state.type("duc")
        _ = state.answer(CheckInAnswer.searchResults(query: "duc", [RosterMatch(person: F.duc, dosesOnRecord: 0)]))
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.duc.id, []))
        let number = try #require(F.duc.identityNumber)
        #expect(state.render().0.text.contains("F7 Hỏi trung tâm"), "\(state.render().0.text)")
        #expect(state.send(.key(.function(7))) == [CheckInEffect.askCentre(number)])
        let elsewhere = try CentreLookup(identifier: number, searchset: Data(Self.bundle(number).utf8))
        let found = try #require(elsewhere.people.first)
        #expect(state.answer(CheckInAnswer.centreAnswered(identifier: number, .answered(elsewhere)))
            == [CheckInEffect.acceptFromCentre(found, by: F.staff[0].id)])
        #expect(state.answer(CheckInAnswer.acceptedFromCentre(F.duc)) == [CheckInEffect.loadDoseHistory(personID: F.duc.id)])
        #expect(state.render().0.text.contains("Đã lấy từ trung tâm"))

        // Nobody else, or no answer: said in the status line, and the last look stays.
        _ = state.send(.key(.function(7)))
        _ = state.answer(CheckInAnswer.centreAnswered(identifier: number, .couldNotAsk(.refused(status: 503))))
        let screen = state.render().0.text
        #expect(screen.contains("Không hỏi được trung tâm (trung tâm trả lời lỗi HTTP 503)") && screen.contains("Nguyễn Văn Đức"), "\(screen)")
    }

    /// A searchset as the centre answers it: Đức's record at another site, with dose 1 given there.
    static func bundle(_ number: String) -> String {
        let patient = "00000000-0000-4000-8000-00000000D001"
        return """
            {"resourceType": "Bundle", "type": "searchset", "total": 1, "entry": [
              {"resource": {"resourceType": "Patient", "id": "\(patient)", "name": [{"text": "Nguyễn Văn Đức"}],
                            "birthDate": "1985-03-07", "gender": "male"}, "search": {"mode": "match"}},
              {"resource": {"resourceType": "Immunization", "id": "imm-1", "status": "completed",
                            "patient": {"reference": "Patient/\(patient)"}, "vaccineCode": {"coding": [{"code": "astrazeneca"}]},
                            "occurrenceDateTime": "2026-09-01T08:30:00+07:00", "protocolApplied": [{"doseNumberPositiveInt": 1}],
                            "location": {"display": "TYT Phường An Hòa"}}, "search": {"mode": "include"}}]}
            """
    }

    @Test("an answer to a number since typed over is not shown; a name, a part of a number, or a desk without a centre asks nothing; a CMND asks with Enter")
    func asksOnlyForAWholeNumber() throws {
        var state = Self.desk()
        _ = state.type(Self.cccd)
        _ = state.answer(CheckInAnswer.searchResults(query: Self.cccd, []))
        _ = state.send(.key(.backspace))
        _ = state.answer(CheckInAnswer.centreAnswered(identifier: Self.cccd, .answered(try Self.lookup())))
        #expect(!state.render().0.text.contains("Trung tâm có"))
        #expect(state.answer(CheckInAnswer.searchResults(query: String(Self.cccd.dropLast()), [])).isEmpty)
        // Nine digits may be a CMND or a CCCD on its way: asked only with Enter.
        var cmnd = Self.desk()
        _ = cmnd.type("079085001")
        #expect(cmnd.answer(CheckInAnswer.searchResults(query: "079085001", [])).isEmpty, "not while typing")
        #expect(cmnd.send(.key(.enter)) == [CheckInEffect.askCentre("079085001")])

        var named = Self.desk()
        _ = named.type("nguyen van duc")
        #expect(named.answer(CheckInAnswer.searchResults(query: "nguyen van duc", [])).isEmpty)
        var offline = F.desk(at: .checkIn)
        _ = offline.type(Self.cccd)
        #expect(offline.answer(CheckInAnswer.searchResults(query: Self.cccd, [])).isEmpty)
    }
}

/// A person registered ahead for today: the list and the last look say their slot.
@Suite("A registered person at check-in")
struct RegisteredCheckInTests {
    typealias F = DeskFixture

    @Test("a wide list shows the slot beside the doses; the last look says the person registered for it, at 80×24 too",
          arguments: [Size(columns: 120, rows: 30), Size.minimum])
    func slotShown(size: Size) {
        var state = F.desk(at: .checkIn, size: size)
        _ = state.type("duc")
        _ = state.answer(CheckInAnswer.searchResults(query: "duc", [RosterMatch(person: F.duc, dosesOnRecord: 1, slotToday: "07:30-09:00")]))
        if size.columns >= 100 { #expect(state.render().0.text.contains("1 mũi · 07:30-09:00"), "\(state.render().0.text)") }
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.duc.id, []))
        #expect(state.render().0.text.contains("Đã đăng ký hôm nay, khung giờ 07:30-09:00"), "\(state.render().0.text)")
    }
}
