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
}
