import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// The keys a person presses on the common path, counted on the real binary in tmux at 80×24 and held
/// to the targets: check-in by scan ≤ 1 key after the scan, by name ≤ 6 after the query, screening ≤ 4 plus the signs' digits,
/// injection from an open vial ≤ 3, discharge of someone due ≤ 2, the whole path ≤ 12.
@Suite("The common path's keystrokes", .serialized)
struct KeystrokeTests {
    typealias Desks = DeskEndToEndTests

    @Test("by scan, not in the caution group: each station within its target, and the whole path within 12")
    func commonPath() throws {
        let directory = TemporaryDirectory("e2e-keys")
        let path = try Desks.site(in: directory)
        let work = try SiteWork(path: path)
        // The day's first vial is opened once, not per person: it is open before she arrives.
        let session = try #require(try work.database.openSession())
        let lot = try #require(try work.database.lots(sessionID: session.id).first { $0.productCode == "pfizer" })
        _ = try work.database.openVial(lotID: lot.id, catalog: work.catalog, by: work.member(.vaccinator).id, at: Date())
        let checkIn = try TmuxDesk(Desks.deskCommand(path), name: "keys-checkin")
        let clinic = try TmuxDesk(Desks.deskCommand(path), name: "keys-clinic")
        var counted: [(station: String, keys: Int, target: Int)] = []
        func count(_ station: String, on desk: TmuxDesk, target: Int, _ path: () throws -> Void) rethrows {
            let before = desk.keysPressed
            try path()
            counted.append((station, desk.keysPressed - before, target))
        }

        try Desks.signInAtCheckIn(checkIn)
        // The scanner types the card's QR and its own Enter.
        try checkIn.type("091190004321||Nguyễn Thị Hồng Nhung|19051990|Nữ|8 Mạc Cửu, Rạch Giá, Kiên Giang|02072021")
        try checkIn.press("Enter")
        try checkIn.expect("Xác nhận đúng người")
        try count("check-in (after the scan)", on: checkIn, target: 1) {
            try checkIn.press("Enter")
            try checkIn.expect("SỐ THỨ TỰ: 1")
        }

        try Desks.signIn(clinic, as: .hung)
        try clinic.press("Enter")
        try clinic.expect("Chờ khám sàng lọc: 1 người")
        try count("screening (plus the signs' digits)", on: clinic, target: 4) {
            try clinic.press("Enter")
            try clinic.expect("Dấu hiệu sống")
            for value in ["36,6", "76", "118", "76", "16"] { try clinic.type(value) }
            try clinic.expect("Sinh hiệu: 36,6 °C")
            try clinic.press("F5")
            try clinic.expect("Lưu kết quả khám sàng lọc")
            try clinic.press("F4", "Enter")
            try clinic.expect("Đã lưu khám sàng lọc số 1")
        }

        try Desks.switchUser(clinic, to: .hong)
        try clinic.expect("Chờ tiêm: 1 người")
        try count("injection (an open vial)", on: clinic, target: 3) {
            try clinic.press("Enter")
            try clinic.expect("lọ: còn")
            try clinic.press("Enter")
            try clinic.expect("Xác nhận trước khi tiêm")
            try clinic.press("Enter")
            try clinic.expect("Đã ghi nhận tiêm cho số 1")
        }

        try Desks.switchUser(clinic, to: .mai)
        try clinic.expect("Đang theo dõi: 1 người")
        // Her thirty minutes are over (the clock moved on).
        let past = "2020-01-01 00:00:00.000"
        try SQLiteShell.text(path, "UPDATE visit SET observation_due = '\(past)'; UPDATE observation SET due_at = '\(past)'")
        try clinic.expect("✓ Đủ giờ")
        try count("discharge (due)", on: clinic, target: 2) {
            try clinic.press("Enter")
            try clinic.expect("Cho về")
            try clinic.press("Enter")
            try clinic.expect("Số 1 đã được cho về.")
        }

        let whole = counted.map(\.keys).reduce(0, +)
        print("Keys on the common path by scan:")
        for row in counted { print("  \(row.station): \(row.keys) (target ≤ \(row.target))") }
        print("  whole path: \(whole) (target ≤ 12)")
        for row in counted { #expect(row.keys <= row.target, "\(row.station): \(row.keys) keys") }
        #expect(whole <= 12)
        try checkIn.press("F10")
        try clinic.press("F10")
        #expect(try clinic.waitFor("EXITED") != nil)
    }

    @Test("by name: a given name and birth year, then at most 6 keys to her ticket")
    func checkInByName() throws {
        let directory = TemporaryDirectory("e2e-keys-name")
        let path = try Desks.site(in: directory)
        let desk = try TmuxDesk(Desks.deskCommand(path), name: "keys-name")
        try Desks.signInAtCheckIn(desk)
        let query = "nhung 1990"
        try desk.type(query)
        try desk.expect("19/05/1990")
        let before = desk.keysPressed
        try desk.press("Enter")
        try desk.expect("Xác nhận đúng người")
        try desk.press("Enter")
        try desk.expect("SỐ THỨ TỰ: 1")
        let keys = desk.keysPressed - before
        print("Keys to check in by name: \(query.count) for the query \"\(query)\", then \(keys) (target ≤ 6)")
        #expect(keys <= 6)
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }
}
