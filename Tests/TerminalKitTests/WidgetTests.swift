import Testing
import TerminalKit

@Suite("Text field")
struct TextFieldTests {
    func typed(_ text: String, into field: TextField = TextField()) -> TextField {
        var field = field
        for character in text { _ = field.handle(.character(character)) }
        return field
    }

    @Test("typing Vietnamese and moving by whole characters")
    func editing() {
        var field = typed("Đức")
        #expect(field.text == "Đức" && field.cursor == 3)
        _ = field.handle(.left)
        _ = field.handle(.backspace)
        #expect(field.text == "Đc")
        _ = field.handle(.character("ư"))
        #expect(field.text == "Đưc")
        _ = field.handle(.home)
        _ = field.handle(.delete)
        #expect(field.text == "ưc" && field.cursor == 0)
    }

    @Test("a combining mark typed after a letter joins it")
    func combining() {
        var field = typed("Đu")
        _ = field.handle(.character("\u{31B}"))
        #expect(field.text.count == 2)
        #expect(field.cursor == 2)
        _ = field.handle(.backspace)
        #expect(field.text == "Đ")
    }

    @Test("^U clears before the cursor, ^W deletes a word")
    func controlKeys() {
        var field = typed("nguyen van duc")
        _ = field.handle(.control("w"))
        #expect(field.text == "nguyen van ")
        _ = field.handle(.control("u"))
        #expect(field.text.isEmpty)
    }

    @Test("control characters and newlines are not inserted")
    func controlCharacters() {
        var field = TextField()
        field.insert("\u{7}")
        field.insert("\n")
        #expect(field.text.isEmpty)
        #expect(field.handle(.up) == false)
    }

    @Test("a long text scrolls to keep the cursor visible")
    func scrolling() {
        let field = typed("Nguyễn Thị Minh Khai")
        var buffer = Buffer(size: Size(columns: 10, rows: 1))
        let cursor = field.draw(in: Rect(x: 0, y: 0, width: 10, height: 1), into: &buffer)
        #expect(cursor == 9)
        #expect(buffer.lines == ["Minh Khai"])
    }
}

@Suite("Lists and key maps")
struct ListTests {
    @Test("selection stays in the list and on screen")
    func selection() {
        var selection = ListSelection()
        _ = selection.handle(.up, count: 30, visibleRows: 10)
        #expect(selection.selected == 0)
        _ = selection.handle(.pageDown, count: 30, visibleRows: 10)
        _ = selection.handle(.pageDown, count: 30, visibleRows: 10)
        #expect(selection.selected == 18 && selection.offset == 9)
        _ = selection.handle(.end, count: 30, visibleRows: 10)
        #expect(selection.selected == 29 && selection.offset == 20)
        selection.clamp(count: 5, visibleRows: 10)
        #expect(selection.selected == 4 && selection.offset == 0)
    }

    @Test("a long list shows where the selection is")
    func scrollingList() {
        var buffer = Buffer(size: Size(columns: 20, rows: 3))
        var selection = ListSelection()
        selection.select(4, count: 6, visibleRows: 2)
        ListView.draw((1...6).map { "row \($0)" }, selection: selection, in: buffer.bounds, into: &buffer)
        #expect(buffer.lines == ["  row 4", "▶ row 5", "              5/6 ↑↓"])
    }

    @Test("a disabled key says why; the bar shows it in brackets")
    func keyMap() {
        let map = KeyMap([
            KeyBinding([.enter], "Chọn", "choose", disabledReason: "Chưa có ai để chọn"),
            KeyBinding([.escape], "Xóa", "clear"),
        ])
        #expect(map.lookup(.enter) == .disabled("Chưa có ai để chọn"))
        #expect(map.lookup(.escape) == .command("clear"))
        #expect(map.lookup(.tab) == .unbound)
        var buffer = Buffer(size: Size(columns: 40, rows: 1))
        FunctionBar.draw(map, in: buffer.bounds, into: &buffer)
        #expect(buffer.lines == ["Enter (Chọn)  Esc Xóa"])
    }

    @Test("a dialog is framed with Unicode lines and centred")
    func dialog() {
        var buffer = Buffer(size: Size(columns: 30, rows: 7))
        Dialog(title: "Xác nhận", lines: ["Số 12"], hint: "Enter: Lưu").draw(in: buffer.bounds, into: &buffer)
        #expect(buffer.lines[1].contains("┌─ Xác nhận ─"))
        #expect(buffer.lines[2].contains("│ Số 12"))
        #expect(buffer.lines[5].contains("└"))
    }

    @Test("a bar too narrow for every key ends with F1 …, never with half a key")
    func narrowBar() {
        let map = KeyMap([
            KeyBinding([.function(7)], "Đóng buổi tiêm", "close"),
            KeyBinding([.function(3)], "Buổi trước", "history"),
            KeyBinding([.escape], "Quay lại", "back"),
            KeyBinding([.function(1)], "Trợ giúp", "help"),
        ])
        var buffer = Buffer(size: Size(columns: 40, rows: 1))
        FunctionBar.draw(map, in: buffer.bounds, into: &buffer)
        #expect(buffer.lines == ["F7 Đóng buổi tiêm  F3 Buổi trước  F1 …"])
        var wide = Buffer(size: Size(columns: 80, rows: 1))
        FunctionBar.draw(map, in: wide.bounds, into: &wide)
        #expect(wide.lines == ["F7 Đóng buổi tiêm  F3 Buổi trước  Esc Quay lại  F1 Trợ giúp"])
    }

    @Test("a dialog wraps a long line between words instead of cutting it")
    func dialogWraps() {
        var buffer = Buffer(size: Size(columns: 30, rows: 10))
        Dialog(title: "Đóng buổi tiêm", lines: ["Còn đang chờ: 3 người chờ khám, 2 người chờ tiêm."], hint: "Enter: Đóng")
            .draw(in: buffer.bounds, into: &buffer)
        let text = buffer.lines.map { $0.replacingOccurrences(of: "│", with: " ") }.joined(separator: " ")
        #expect(!text.contains("…"))
        #expect(text.split(separator: " ").joined(separator: " ").contains("Còn đang chờ: 3 người chờ khám, 2 người chờ tiêm."))
    }
}
