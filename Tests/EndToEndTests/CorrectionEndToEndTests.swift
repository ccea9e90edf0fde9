import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// Corrections at a real desk in tmux at 80×24.
@Suite("Corrections at the desk", .serialized)
struct CorrectionEndToEndTests {
    typealias Desks = DeskEndToEndTests

    @Test("the card says 29/05/1990, the roster 19/05: F5 and Enter correct the roster from the card; the history keeps 19/05")
    func fromTheCard() throws {
        let directory = TemporaryDirectory("e2e-correct")
        let path = try Desks.site(in: directory)
        let desk = try TmuxDesk(Desks.deskCommand(path), name: "correct")
        try Desks.signInAtCheckIn(desk)
        try desk.type("091190004321||Nguyễn Thị Hồng Nhung|29051990|Nữ|8 Mạc Cửu, Rạch Giá, Kiên Giang|02072021")
        try desk.press("Enter")
        let look = try desk.expect("Thẻ và danh sách khác nhau")
        #expect(look.contains("29/05/1990") && look.contains("19/05/1990"))
        let before = desk.keysPressed
        try desk.press("F5")
        let form = try desk.expect("Sửa hồ sơ của Nguyễn Thị Hồng Nhung")
        #expect(form.contains("29/05/1990") && form.contains("theo thẻ CCCD đã quét"))
        try desk.press("Enter")
        let corrected = try desk.expect("Đã sửa hồ sơ của Nguyễn Thị Hồng Nhung")
        #expect(!corrected.contains("Thẻ và danh sách khác nhau"), "the card and the roster agree now")
        #expect(try desk.expect("Hồ sơ đã sửa 1 lần").contains("Ngày sinh: 19/05/1990 → 29/05/1990"))
        print("Keys to correct the roster from the card at the last look: \(desk.keysPressed - before)")
        #expect(desk.keysPressed - before == 2)
        try desk.press("Enter")
        try desk.expect("SỐ THỨ TỰ: 1")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
        #expect(try SQLiteShell.text(path, "SELECT birth_date FROM person WHERE identity_number = '091190004321'") == "1990-05-29")
        #expect(try SQLiteShell.text(path, "SELECT field || ' ' || old_value || ' ' || new_value FROM person_correction")
            == "birth-date 1990-05-19 1990-05-29")
        let history = try BuiltProgram.run(["person", "history", "--db", path, "--by", "DD01", "--person", "091190004321"],
                                           input: "1111\n")
        #expect(history.output.contains("DD01 · Ngày sinh: 19/05/1990 → 29/05/1990 · theo thẻ CCCD đã quét"), "\(history.output)")
    }

    @Test("an injection never given, voided from the dashboard's audit trail: the report before and after")
    func voidFromTheDashboard() throws {
        let directory = TemporaryDirectory("e2e-void")
        let path = try Desks.site(in: directory)
        let work = try SiteWork(path: path)
        _ = try work.injected(try work.nhung())
        let before = try BuiltProgram.run(["report", "session", "--db", path, "--by", "PT01", "--format", "json"], input: "2468\n")
        #expect(before.output.contains(#""vaccinated" : 1"#), "\(before.output)")
        let desk = try TmuxDesk(Desks.deskCommand(path), name: "void")
        try Desks.signInAsSiteLead(desk)
        try desk.press("F6")
        try desk.expect("đã tiêm 1")
        try desk.press("F6")
        try desk.expect("Tiêm  Nguyễn Thị Hồng Nhung")
        // The newest rows first: the site lead's sign-ins and the report's export, then the injection.
        try desk.press("Down", "Down", "Down")
        try desk.expect("▶ 5  ")
        try desk.press("F8")
        try desk.expect("Hủy bản ghi ghi nhầm")
        try desk.press("Left")
        try desk.type("Chưa tiêm, ghi nhầm")
        try desk.expect("[x] đã rút khỏi lọ")
        try desk.press("Enter")
        try desk.expect("Đã hủy bản ghi ghi nhầm (Nguyễn Thị Hồng Nhung)")
        try desk.press("Escape")
        let board = try desk.expect("đã tiêm 0")
        #expect(board.contains("hủy 1"), "the dose drawn is wasted: \(board)")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
        let after = try BuiltProgram.run(["report", "session", "--db", path, "--by", "PT01", "--format", "json"], input: "2468\n")
        #expect(after.output.contains(#""vaccinated" : 0"#), "\(after.output)")
    }
}
