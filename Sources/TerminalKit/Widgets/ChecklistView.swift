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

    public static func draw(
        _ rows: [Row], yes: String, no: String, selection: ListSelection, in rect: Rect, into buffer: inout Buffer
    ) {
        let answerWidth = max(yes.displayWidth, no.displayWidth) + 4
        let blank = "[" + String(repeating: " ", count: answerWidth - 4) + "]"
        let lines = rows.map { row in
            let answer = row.answer.map { $0 ? "[\(yes)]" : "[\(no)]" } ?? blank
            let label = "\(row.number.padded(toWidth: 3)) \(row.text)"
            return answer.padded(toWidth: answerWidth) + label
        }
        let styles = rows.map { row in row.answer.map { $0 ? Style.warning : Style.plain } ?? Style.bold }
        ListView.draw(lines, selection: selection, in: rect, into: &buffer, styles: styles)
    }
}
