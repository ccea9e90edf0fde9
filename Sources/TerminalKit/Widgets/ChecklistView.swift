/// Draws yes/no questions: each row shows its answer as a word ("Có" / "Không"), not only a mark, and
/// a question not answered yet as a blank to fill, in bold: nothing starts answered.
public enum ChecklistView {
    public struct Row: Hashable, Sendable {
        public var number: String
        public var text: String
        /// nil: not answered yet.
        public var answer: Bool?

        public init(number: String, text: String, answer: Bool?) {
            self.number = number
            self.text = text
            self.answer = answer
        }
    }

    /// Draws the rows from the one that keeps the selection in view; a question longer than the width
    /// goes on below, under its text. When not every row fits, the last line says where the selection is.
    public static func draw(
        _ rows: [Row], yes: String, no: String, selection: ListSelection, in rect: Rect, into buffer: inout Buffer
    ) {
        guard rect.width > 0, rect.height > 0, !rows.isEmpty else { return }
        let blocks = lines(rows, yes: yes, no: no, width: rect.width)
        let scrolls = blocks.map(\.count).reduce(0, +) > rect.height
        let room = scrolls ? max(1, rect.height - 1) : rect.height
        let selected = min(selection.selected, rows.count - 1)
        // The first row shown: as far up as lets the selected row's every line fit below it.
        var first = selected
        var used = blocks[selected].count
        while first > 0, used + blocks[first - 1].count <= room {
            first -= 1
            used += blocks[first].count
        }
        var y = rect.y
        for index in first..<rows.count {
            let block = blocks[index]
            guard y + block.count <= rect.y + room || index == selected else { break }
            let isSelected = index == selected
            var style = rows[index].answer.map { $0 ? Style.warning : Style.plain } ?? Style.bold
            if isSelected { style.reverse = true }
            for (number, line) in block.enumerated() where y < rect.y + room {
                let marker = isSelected && number == 0 ? "▶ " : "  "
                buffer.put((marker + line).padded(toWidth: rect.width), x: rect.x, y: y, style: style)
                y += 1
            }
        }
        if scrolls {
            let position = "\(selected + 1)/\(rows.count) ↑↓"
            buffer.put(position, x: rect.maxX - position.displayWidth, y: rect.maxY - 1, style: .muted)
        }
    }

    /// How many lines the rows take at this width (for the caller to size the list's room).
    public static func height(_ rows: [Row], yes: String, no: String, width: Int) -> Int {
        lines(rows, yes: yes, no: no, width: width).map(\.count).reduce(0, +)
    }

    /// Each row's lines: its answer, number and text, the text wrapped under itself.
    private static func lines(_ rows: [Row], yes: String, no: String, width: Int) -> [[String]] {
        let answerWidth = max(yes.displayWidth, no.displayWidth) + 4
        let blank = "[" + String(repeating: " ", count: answerWidth - 4) + "]"
        return rows.map { row in
            let answer = row.answer.map { $0 ? "[\(yes)]" : "[\(no)]" } ?? blank
            let head = answer.padded(toWidth: answerWidth) + row.number.padded(toWidth: 3) + " "
            // Two columns go to the selection marker.
            let text = row.text.wrapped(toWidth: max(1, width - 2 - head.displayWidth))
            let under = String(repeating: " ", count: head.displayWidth)
            return text.enumerated().map { ($0.offset == 0 ? head : under) + $0.element }
        }
    }
}
