/// Draws yes/no questions: each row shows its answer as a word ("Có" / "Không"), not only a mark.
public enum ChecklistView {
    public struct Row: Hashable, Sendable {
        public var number: String
        public var text: String
        public var checked: Bool

        public init(number: String, text: String, checked: Bool) {
            self.number = number
            self.text = text
            self.checked = checked
        }
    }

    public static func draw(
        _ rows: [Row], yes: String, no: String, selection: ListSelection, in rect: Rect, into buffer: inout Buffer
    ) {
        let answerWidth = max(yes.displayWidth, no.displayWidth) + 4
        let lines = rows.map { row in
            let answer = row.checked ? "[\(yes)]" : "[\(no)]"
            let label = "\(row.number.padded(toWidth: 3)) \(row.text)"
            return answer.padded(toWidth: answerWidth) + label
        }
        let styles = rows.map { $0.checked ? Style.warning : Style.plain }
        ListView.draw(lines, selection: selection, in: rect, into: &buffer, styles: styles)
    }
}
