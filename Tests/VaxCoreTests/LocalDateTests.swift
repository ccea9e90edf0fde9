import Foundation
import Testing
import VaxCore

@Suite("Local dates")
struct LocalDateTests {
    @Test("stored days are read once and only when real", arguments: [
        ("2026-11-30", true), ("2024-02-29", true), ("2026-02-29", false), ("2026-13-01", false), ("2026-1-5", false),
        ("26-11-30", false), ("2026-11-30T00:00", false), ("", false), ("9999-99-99", false),
    ])
    func parsing(text: String, valid: Bool) {
        let day = LocalDate(stored: text)
        #expect((day != nil) == valid)
        if let day { #expect(day.stored == text) }
    }

    @Test("days compare as days and are shown as forms write them")
    func order() {
        let a = LocalDate(year: 2026, month: 9, day: 30)!, b = LocalDate(year: 2026, month: 10, day: 1)!
        #expect(a < b && b > a)
        #expect(b.shown == "01/10/2026")
    }

    @Test("a moment's day depends on the zone")
    func zones() {
        let moment = Date(timeIntervalSince1970: 1_796_094_000)  // 2026-12-01 04:20 UTC
        #expect(LocalDate(moment, in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!).stored == "2026-12-01")
        #expect(LocalDate(moment, in: TimeZone(identifier: "America/Los_Angeles")!).stored == "2026-11-30")
    }

    @Test("a lot is usable up to and including its expiry day")
    func lotUsable() {
        let lot = VaccineLot(sessionID: UUID(), productCode: "pfizer", lotNumber: "FK5127",
                             expiry: LocalDate(year: 2027, month: 2, day: 28)!, dosesReceived: 6)
        #expect(lot.isUsable(on: LocalDate(year: 2027, month: 2, day: 28)!))
        #expect(!lot.isUsable(on: LocalDate(year: 2027, month: 3, day: 1)!))
    }
}
