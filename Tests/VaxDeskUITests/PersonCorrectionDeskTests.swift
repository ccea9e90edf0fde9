import Foundation
import Testing
import TerminalKit
import VaxCore
@testable import VaxDeskUI

@Suite("Correcting a person's record at the last look")
struct PersonCorrectionDeskTests {
    typealias F = DeskFixture

    @Test("the card says 07/03/1985 and the roster 1985: F5 fills the form from the card, Enter corrects it")
    func fromCard() {
        var state = F.desk(at: .checkIn)
        _ = state.type(CardScanTests.qr)
        _ = state.send(.key(.enter))
        var onRoster = F.duc
        onRoster.birthDate = BirthDate(year: 1985)
        onRoster.fullName = "Nguyen Van Duc"
        _ = state.answer(CheckInAnswer.searchResults(query: "091085012345", [RosterMatch(person: onRoster, dosesOnRecord: 1)]))
        #expect(state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.duc.id, []))
            == [CheckInEffect.loadCorrections(personID: F.duc.id)])
        #expect(state.send(.key(.function(5))).isEmpty)
        let form = state.render().0
        #expect(form.text.contains("Sửa hồ sơ của Nguyen Van Duc"))
        #expect(form.text.contains("Nguyễn Văn Đức") && form.text.contains("07/03/1985"))
        #expect(form.text.contains("theo thẻ CCCD đã quét"))
        Golden.check(form, "checkin-correct-from-card")
        let correction = PersonCorrection(changes: [.fullName: "Nguyễn Văn Đức", .birthDate: "07/03/1985"],
                                          reason: "theo thẻ CCCD đã quét")
        #expect(state.send(.key(.enter)) == [CheckInEffect.correctPerson(F.duc.id, correction, by: F.staff[0].id)])
        // Saved: back to the last look of the corrected person, with the card now agreeing.
        var corrected = onRoster
        corrected.fullName = "Nguyễn Văn Đức"
        corrected.birthDate = F.duc.birthDate
        #expect(state.answer(CheckInAnswer.personCorrected(corrected)) == [CheckInEffect.loadDoseHistory(personID: F.duc.id)])
        #expect(state.notice?.text == "Đã sửa hồ sơ của Nguyễn Văn Đức; giá trị cũ được giữ lại.")
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.duc.id, []))
        let entry = PersonCorrectionEntry(
            change: PersonCorrection.Change(field: .birthDate, old: "1985", new: "1985-03-07"), reason: "theo thẻ CCCD đã quét",
            staffCode: "DD01", at: F.now)
        _ = state.answer(CheckInAnswer.correctionsLoaded(personID: F.duc.id, [entry, entry]))
        let look = state.render().0.text
        #expect(!look.contains("Thẻ và danh sách khác nhau"))
        #expect(look.contains("Hồ sơ đã sửa 2 lần; gần nhất: Ngày sinh: 1985 → 07/03/1985"))
        // Back to the search and another person's last look: never the corrections of the one before.
        _ = state.send(.key(.escape))
        _ = state.send(.key(.escape))
        _ = state.type("ha")
        _ = state.answer(CheckInAnswer.searchResults(query: "ha", [RosterMatch(person: F.ha, dosesOnRecord: 0)]))
        _ = state.send(.key(.enter))
        #expect(state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.ha.id, [])) == [CheckInEffect.loadCorrections(personID: F.ha.id)])
        let other = state.render().0.text
        #expect(other.contains("Phạm Thị Thu Hà") && !other.contains("Hồ sơ đã sửa"), "\(other)")
    }

    @Test("typed by hand: a reason is asked, a CCCD against the sex is refused on its field, nothing typed is lost")
    func byHand() {
        var state = F.lastLook(history: [])
        _ = state.send(.key(.function(5)))
        // The cursor is on the name: the nurse fixes the sex (two fields down) and forgets the reason.
        _ = state.send(.key(.down))
        _ = state.send(.key(.down))
        for _ in 0..<3 { _ = state.send(.key(.backspace)) }
        _ = state.type("Nữ")
        #expect(state.send(.key(.enter)).isEmpty)
        var screen = state.render().0
        let words = screen.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(words.contains("✗ " + state.context.strings["roster.identitySexMismatch"]), "\(screen.text)")
        // Esc asks before the typed correction goes.
        _ = state.send(.key(.escape))
        #expect(state.askingToDiscard)
        _ = state.send(.key(.escape))
        #expect(!state.askingToDiscard)
        // The cursor went to the CCCD, the field the rule names; back up to the sex, and to Nam:
        // nothing differs, and the form says so.
        _ = state.send(.key(.up))
        for _ in 0..<2 { _ = state.send(.key(.backspace)) }
        _ = state.type("Nam")
        #expect(state.send(.key(.enter)).isEmpty)
        screen = state.render().0
        #expect(screen.text.contains("Chưa có gì khác hồ sơ"))
        Golden.check(screen, "checkin-correct-unchanged")
    }

    @Test("a screening doctor cannot: F5 says why")
    func notPermitted() {
        var state = F.lastLook(history: [], staffIndex: 1)
        #expect(state.send(.key(.function(5))).isEmpty)
        #expect(state.render().0.text.contains("Sửa hồ sơ của") == false)
    }
}
