import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

/// The check-in desk beyond the roster: walk-ins, look-alikes, paper records and the site lead's override.
@Suite("Walk-in registration")
struct WalkInTests {
    typealias F = DeskFixture
    static let qr = "091085012345||Nguyễn Văn Đức|07031985|Nam|12 Lê Lợi, Rạch Giá|15042021"

    /// A desk whose scanned card found nobody.
    static func cardNotFound() -> AppState {
        var state = F.desk(at: .checkIn)
        _ = state.type(qr)
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.searchResults(query: "091085012345", []))
        return state
    }

    @Test("a card nobody holds opens the form filled from the card, missing fields to complete")
    func fromCard() {
        var state = Self.cardNotFound()
        #expect(state.send(.key(.function(3))).isEmpty)
        let screen = state.render().0.text
        #expect(screen.contains("Nguyễn Văn Đức"))
        #expect(screen.contains("07/03/1985"))
        #expect(screen.contains("12 Lê Lợi, Rạch Giá"))
        #expect(screen.contains("Đã điền từ thẻ CCCD"))
        Golden.check(state.render().0, "walkin-from-card")
        // Saving looks for look-alikes first.
        let effects = state.send(.key(.enter))
        guard case .findDuplicates(let person)? = effects.first?.as(CheckInEffect.self) else { Issue.record("\(effects)"); return }
        #expect(person.fullName == "Nguyễn Văn Đức" && person.identityNumber == "091085012345" && person.sex == .male)
        #expect(person.birthDate == BirthDate(year: 1985, month: 3, day: 7))
        // Nobody alike: the person is registered, then checked in like anyone on the roster.
        let register = state.answer(CheckInAnswer.duplicatesFound(person, []))
        #expect(register == [CheckInEffect.registerWalkIn(person, by: F.staff[0].id)])
        #expect(state.isSaving)
        #expect(state.answer(CheckInAnswer.walkInRegistered(person)) == [CheckInEffect.loadDoseHistory(personID: person.id)])
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: person.id, []))
        #expect(state.send(.key(.enter)) == [CheckInEffect.checkIn(person: person, override: nil, by: F.staff[0].id)])
    }

    @Test("a name typed in the search starts the form; wrong fields say what to fix")
    func validation() {
        var state = F.desk(at: .checkIn)
        _ = state.type("lê thị mơ")
        _ = state.answer(CheckInAnswer.searchResults(query: "lê thị mơ", []))
        #expect(state.render().0.text.contains("F3: đăng ký người mới"))
        _ = state.send(.key(.function(3)))
        // Name filled; the cursor is on the birth date. A CCCD that says female for a man is refused.
        _ = state.type("31/02/1990")
        _ = state.send(.key(.tab))
        _ = state.type("nam")
        _ = state.send(.key(.tab))
        _ = state.type("091190012345")
        _ = state.send(.key(.tab))
        _ = state.type("12345")
        #expect(state.send(.key(.enter)).isEmpty, "nothing is saved while a field is wrong")
        let screen = state.render().0.text
        #expect(screen.contains("Lê Thị Mơ"))
        #expect(screen.contains("✗ " + state.context.strings["roster.badBirthDate"]))
        #expect(screen.contains("✗ " + state.context.strings["roster.badPhone"]))
        Golden.check(state.render().0, "walkin-problems")
    }

    @Test("a CCCD that contradicts the sex is said whole at 80×24, on the rows below the field")
    func identityContradiction() {
        var state = F.desk(at: .checkIn)
        _ = state.send(.key(.function(3)))
        for (value, last) in [("Lê Thị Mơ", false), ("12/03/1990", false), ("nam", false), ("091190012345", true)] {
            _ = state.type(value)
            if !last { _ = state.send(.key(.tab)) }
        }
        #expect(state.send(.key(.enter)).isEmpty, "refused before the store is asked")
        let screen = state.render().0
        let words = screen.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(words.contains("✗ " + state.context.strings["roster.identitySexMismatch"]), "\(screen.text)")
        #expect(screen.text.contains("Nhóm ưu tiên"), "every field still on screen")
        Golden.check(screen, "walkin-identity-sex")
    }

    @Test("a walk-in's name typed without diacritics is flagged before saving; kept as it is on a second Enter")
    func nameWithoutDiacritics() {
        var state = F.desk(at: .checkIn)
        _ = state.send(.key(.function(3)))
        _ = state.type("Nguyen Van Hung")
        _ = state.send(.key(.tab))
        _ = state.type("1985")
        _ = state.send(.key(.tab))
        _ = state.type("M")
        #expect(state.send(.key(.enter)).isEmpty, "flagged, not saved")
        #expect(state.render().0.text.contains("✗ Tên chưa có dấu: gõ đủ dấu (Nguyễn Văn Hùng); tên vốn không dấu: Enter."))
        Golden.check(state.render().0, "walkin-no-diacritics")
        // Corrected (the cursor is on the name), it goes on at once.
        var corrected = state
        _ = corrected.send(.key(.control("u")))
        _ = corrected.type("Nguyễn Văn Hùng")
        guard case .findDuplicates(let person)? = corrected.send(.key(.enter)).first?.as(CheckInEffect.self) else {
            Issue.record("the corrected name was not saved"); return
        }
        #expect(person.fullName == "Nguyễn Văn Hùng")
        // Or kept: a name that really has none (Kim Anh) is saved on the second Enter.
        guard case .findDuplicates(let kept)? = state.send(.key(.enter)).first?.as(CheckInEffect.self) else {
            Issue.record("the second Enter did not keep it"); return
        }
        #expect(kept.fullName == "Nguyen Van Hung")
    }

    @Test("required fields left empty are named")
    func required() {
        var state = F.desk(at: .checkIn)
        _ = state.send(.key(.function(3)))
        #expect(state.send(.key(.enter)).isEmpty)
        let screen = state.render().0.text
        for key in ["roster.missingName", "roster.missingBirthDate", "roster.missingSex"] {
            #expect(screen.contains(state.context.strings[key]), "\(key)")
        }
        // Esc goes back to the search, keeping nothing half-made.
        _ = state.send(.key(.escape))
        #expect(state.render().0.text.contains("Tìm:"))
    }

    /// A walk-in form filled for a man named like Đức, saved: the desk looks for look-alikes.
    static func savedWalkIn() -> (AppState, Person)? {
        var state = F.desk(at: .checkIn)
        _ = state.send(.key(.function(3)))
        _ = state.type("Nguyễn Văn Đức")
        _ = state.send(.key(.tab))
        _ = state.type("1985")
        _ = state.send(.key(.tab))
        _ = state.type("M")
        guard case .findDuplicates(let person)? = state.send(.key(.enter)).first?.as(CheckInEffect.self) else { return nil }
        return (state, person)
    }

    @Test("look-alikes on the roster are shown before a second record is made")
    func lookAlikes() {
        guard var (state, person) = Self.savedWalkIn() else { Issue.record("no look-up"); return }
        #expect(state.answer(CheckInAnswer.duplicatesFound(person, [RosterMatch(person: F.duc, dosesOnRecord: 1)])).isEmpty)
        let screen = state.render().0.text
        #expect(screen.contains("Có thể đã có trong danh sách"))
        #expect(screen.contains("Nguyễn Văn Đức · 07/03/1985"))
        Golden.check(state.render().0, "walkin-look-alikes")
        // F5 keeps the new record; Enter would take the one on the roster instead.
        var keep = state
        #expect(keep.send(.key(.function(5))) == [CheckInEffect.registerWalkIn(person, by: F.staff[0].id)])
        #expect(state.send(.key(.enter)) == [CheckInEffect.loadDoseHistory(personID: F.duc.id)])
    }

    @Test("an identity number already on the roster, found by another desk first, returns to the form")
    func identityTaken() {
        guard var (state, person) = Self.savedWalkIn() else { Issue.record("no look-up"); return }
        _ = state.answer(CheckInAnswer.duplicatesFound(person, []))
        _ = state.answer(.refused(.identityNumberOnRoster))
        #expect(state.notice?.text == state.context.strings["error.identityNumberOnRoster"])
        #expect(state.render().0.text.contains("Đăng ký người chưa có trong danh sách"))
    }
}

@Suite("Dose refusals and the site lead's override")
struct OverrideTests {
    typealias F = DeskFixture
    static let early = [PriorDose(doseNumber: 1, productCode: "pfizer", givenOn: "2026-11-20")]

    static func tooEarly(staffIndex: Int) -> AppState { F.lastLook(history: early, staffIndex: staffIndex) }

    @Test("a nurse cannot override: F6 says only the site lead may")
    func nurse() {
        var state = Self.tooEarly(staffIndex: 0)
        #expect(state.send(.key(.function(6))).isEmpty)
        #expect(state.notice?.text == state.context.strings["checkIn.overrideSiteLeadOnly"])
    }

    @Test("the site lead overrides with a reason, which goes with the check-in")
    func siteLead() {
        var state = Self.tooEarly(staffIndex: 4)
        _ = state.send(.key(.function(6)))
        #expect(state.send(.key(.enter)).isEmpty, "a reason is required")
        #expect(state.notice?.text == state.context.strings["checkIn.overrideReasonRequired"])
        _ = state.type("Đi công tác nước ngoài ngày mai")
        Golden.check(state.render().0, "checkin-override")
        #expect(state.send(.key(.enter)) == [
            CheckInEffect.checkIn(person: F.duc, override: "Đi công tác nước ngoài ngày mai", by: F.staff[4].id),
        ])
    }

    @Test("a series no lot of the session can complete is refused, naming the products")
    func noAllowedProduct() {
        // Vero Cell on 01/09/2026: its series mixes with nothing, and the session has only Pfizer in date.
        var state = F.lastLook(history: [PriorDose(doseNumber: 1, productCode: "verocell", givenOn: "2026-09-01")])
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == "Mũi này phải là Sinopharm: điểm tiêm hôm nay không có.")
    }
}

@Suite("Doses from paper records at check-in")
struct PaperDoseTests {
    typealias F = DeskFixture

    @Test("F4 adds the next dose from a paper card; a wrong date is refused, then the history is read again")
    func paperDose() {
        var state = F.lastLook(history: [])
        _ = state.send(.key(.function(4)))
        // The dose number is filled (the next one); the cursor waits on the vaccine.
        _ = state.type("AZ")
        _ = state.send(.key(.tab))
        _ = state.type("15/13/2021")
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.render().0.text.contains(state.context.strings["roster.badDoseDate"]))
        _ = state.send(.key(.backspace))
        _ = state.send(.key(.backspace))
        _ = state.send(.key(.backspace))
        _ = state.send(.key(.backspace))
        _ = state.send(.key(.backspace))
        _ = state.send(.key(.backspace))
        _ = state.send(.key(.backspace))
        _ = state.type("7/2021")
        _ = state.send(.key(.tab))
        _ = state.type("AB1234")
        _ = state.send(.key(.tab))
        _ = state.type("TYT Phường 5")
        Golden.check(state.render().0, "checkin-paper-dose")
        let effects = state.send(.key(.enter))
        guard case .savePaperDose(let entry, let personID, _)? = effects.first?.as(CheckInEffect.self) else { Issue.record("\(effects)"); return }
        #expect(personID == F.duc.id)
        #expect(entry.dose == PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-07-15"))
        #expect(entry.lotNumber == "AB1234" && entry.place == "TYT Phường 5")
        #expect(state.answer(CheckInAnswer.paperDoseSaved(personID: F.duc.id, added: true)) == [CheckInEffect.loadDoseHistory(personID: F.duc.id)])
    }

    @Test("a date in the future is refused")
    func future() {
        let form = PaperDoseForm(values: [.doseNumber: "1", .product: "Pfizer", .date: "01/12/2026"])
        #expect(form.validate(catalog: F.context().catalog, today: "2026-11-26") == .invalid([.date: .doseInFuture]))
    }
}

@Suite("A failed search is not an empty roster")
struct FailedSearchTests {
    typealias F = DeskFixture

    @Test("a search that could not read says so, never 'nobody found, F3 register'")
    func readFailure() {
        var state = F.desk(at: .checkIn)
        _ = state.type("duc")
        _ = state.answer(.read("lỗi đọc/ghi ổ đĩa"))
        let screen = state.render().0.text
        #expect(screen.contains("Tìm kiếm bị lỗi"), "\(screen)")
        #expect(!screen.contains(state.context.strings["checkIn.noMatch"]))
        #expect(state.notice?.text.contains("Không đọc được dữ liệu: lỗi đọc/ghi ổ đĩa") == true)
        // The next keystroke searches again; its answer clears the failure.
        #expect(state.type("n") == [CheckInEffect.search("ducn")])
        _ = state.answer(CheckInAnswer.searchResults(query: "ducn", []))
        #expect(state.render().0.text.contains(state.context.strings["checkIn.noMatch"]))
    }
}

@Suite("Check-in: the ticket never blocks the queue")
struct TicketScanTests {
    typealias F = DeskFixture

    @Test("a scanned card (or a name) typed while the ticket shows starts the next search, whole")
    func scanWhileTicket() {
        var state = F.desk(at: .checkIn)
        _ = state.type("duc")
        _ = state.answer(CheckInAnswer.searchResults(query: "duc", [RosterMatch(person: F.duc, dosesOnRecord: 1)]))
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.duc.id, []))
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.checkedIn(ticket: 42))
        #expect(state.render().0.text.contains("SỐ THỨ TỰ: 42"))
        let scan = "091142000777||Phạm Thị Thu Hà|01011942|Nữ|An Hòa|15042021"
        let effects = state.type(scan)
        #expect(!state.render().0.text.contains("SỐ THỨ TỰ: 42"))
        #expect(effects.contains(CheckInEffect.search(scan)) || effects.contains { if case .search(let q)? = $0.as(CheckInEffect.self) { q.hasPrefix("0911") } else { false } },
                "\(effects)")
        guard case .checkIn(let screen) = state.screen else { Issue.record("left check-in"); return }
        #expect(screen.field.text == scan, "not one key of the scan lost")
    }
}

@Suite("Check-in: the search says how much it found")
struct SearchAdviceTests {
    typealias F = DeskFixture

    @Test("fewer than four digits ask for more, never 'nobody found, F3 register'")
    func moreDigits() {
        var state = F.desk(at: .checkIn)
        #expect(state.type("123").isEmpty, "nothing is searched")
        let screen = state.render().0.text
        #expect(screen.contains("Gõ ít nhất 4 chữ số"))
        #expect(!screen.contains("F3: đăng ký người mới"))
    }

    @Test("a list cut at the desk's limit says how many in all, and to add a birth year or a word")
    func narrow() {
        var state = F.desk(at: .checkIn)
        _ = state.type("ng")
        let many = (0..<RosterQuery.deskLimit).map { index in
            RosterMatch(person: Person(fullName: "Nguyễn Văn Số \(index)", birthDate: BirthDate(year: 1950 + index % 40), sex: .male),
                        dosesOnRecord: 0)
        }
        // A full list asks how many in all; until the answer, it says the list is only the first.
        #expect(state.answer(CheckInAnswer.searchResults(query: "ng", many)).compactMap { $0.as(CheckInEffect.self) } == [.countMatches("ng")])
        #expect(state.render().0.text.contains("Chỉ hiện 50 người đầu: thêm năm sinh (duc 1985, hung 51) hoặc một từ nữa."))
        _ = state.answer(CheckInAnswer.matchCount(query: "ng", 1284))
        #expect(state.render().0.text.contains("50 trong 1.284 người — thêm năm sinh (duc 1985, hung 51) hoặc một từ nữa."))
        _ = state.answer(CheckInAnswer.matchCount(query: "n", 9))
        #expect(state.render().0.text.contains("1.284"), "a count for an older query is not shown")
        _ = state.answer(CheckInAnswer.matchCount(query: "ng", RosterQuery.countCap + 1))
        #expect(state.render().0.text.contains("50 trong hơn 10.000 người"))
        #expect(state.answer(CheckInAnswer.searchResults(query: "ng", Array(many.prefix(3)))).isEmpty, "a short list needs no count")
        #expect(!state.render().0.text.contains("Chỉ hiện") && !state.render().0.text.contains("trong hơn"))
    }

    @Test("the last look lists the doses on record with where they were given: the newest three, and how many before")
    func earlierDoses() {
        let history = [
            PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-08-10", place: "TYT Phường Vĩnh Thanh"),
            PriorDose(doseNumber: 2, productCode: "astrazeneca", givenOn: "2021-10-20", place: "Trường THCS Nguyễn Du"),
            PriorDose(doseNumber: 3, productCode: "pfizer", givenOn: "2022-03-01"),
            PriorDose(doseNumber: 4, productCode: "pfizer", givenOn: "2022-09-01", place: "BV Đa khoa Kiên Giang"),
            PriorDose(doseNumber: 5, productCode: "moderna", givenOn: "2023-06-01", place: "TYT Phường Vĩnh Thanh"),
        ]
        let state = F.lastLook(history: history)
        let screen = state.render().0.text
        #expect(screen.contains("… và 2 mũi trước đó"), "\(screen)")
        #expect(screen.contains("Mũi 3: Pfizer · 01/03/2022") && !screen.contains("Mũi 3: Pfizer · 01/03/2022 ·"))
        #expect(screen.contains("Mũi 5: Moderna · 01/06/2023 · TYT Phường Vĩnh Thanh"))
        #expect(!screen.contains("Mũi 1: AstraZeneca"), "only the newest three")
        #expect(screen.contains("Esc: Quay lại"), "the dialog's keys still show at 80×24")
    }
}
