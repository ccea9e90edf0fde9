import TerminalKit
import VaxCore

/// A column of labelled fields, each with a line under it for what is wrong with it or how to fill
/// it: the walk-in registration and the paper-dose forms. Tab and the arrows move between fields.
struct FormEditor<Field: Hashable & Sendable>: Hashable, Sendable {
    let fields: [Field]
    private(set) var texts: [Field: TextField]
    private(set) var focus = 0
    /// What is wrong with each field, as string keys; a field's problem goes when it is edited.
    private(set) var problems: [Field: String] = [:]
    /// Something was typed since the form opened: leaving it asks first.
    private(set) var isEdited = false

    init(fields: [Field], values: [Field: String]) {
        self.fields = fields
        texts = Dictionary(uniqueKeysWithValues: fields.map { ($0, TextField(values[$0] ?? "")) })
        focus = fields.firstIndex { (values[$0] ?? "").isEmpty } ?? 0
    }

    var values: [Field: String] { texts.mapValues(\.text) }

    var focused: Field { fields[focus] }

    /// Moving between fields and editing the focused one; false for keys it does not take.
    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .tab, .down:
            focus = (focus + 1) % fields.count
        case .backTab, .up:
            focus = (focus + fields.count - 1) % fields.count
        default:
            let before = texts[focused]?.text
            guard texts[focused]?.handle(key) == true else { return false }
            if texts[focused]?.text != before {
                problems[focused] = nil
                isEdited = true
            }
        }
        return true
    }

    mutating func focus(on field: Field) {
        if let index = fields.firstIndex(of: field) { focus = index }
    }

    /// Shows what is wrong and puts the cursor in the first field to fix.
    mutating func show(problems: [Field: String]) {
        self.problems = problems
        if let first = fields.firstIndex(where: { problems[$0] != nil }) { focus = first }
    }

    /// Draws the fields from the top of `area`; returns where the cursor goes.
    func draw(
        in area: Rect, into buffer: inout Buffer, strings: Strings,
        label: (Field) -> String, required: (Field) -> Bool, hint: (Field) -> String?
    ) -> (x: Int, y: Int) {
        let labels = fields.map { label($0) + (required($0) ? " *" : "") }
        let labelWidth = (labels.map(\.displayWidth).max() ?? 0) + 1
        // A problem is a sentence: it starts under the label, where the whole width is free, and goes on
        // below when longer than a row — unless that would push fields off the screen.
        var problemLines = fields.map { field in
            problems[field].map { ("✗ " + strings[$0]).wrapped(toWidth: max(1, area.width - 2), indent: 2) } ?? []
        }
        // Rows beyond two a field are spare: the first problems take them, the rest stay on one row.
        var spare = area.height - 2 * fields.count
        problemLines = problemLines.map { lines in
            guard lines.count > 1 else { return lines }
            if lines.count - 1 <= spare {
                spare -= lines.count - 1
                return lines
            }
            return [lines.joined(separator: " ")]
        }
        var cursor = (x: area.x, y: area.y)
        var y = area.y
        for (index, field) in fields.enumerated() {
            guard y + 1 < area.maxY else { break }
            buffer.put(labels[index], x: area.x, y: y, style: index == focus ? .bold : .plain)
            let rect = Rect(x: area.x + labelWidth + 1, y: y, width: min(44, area.width - labelWidth - 2), height: 1)
            let x = texts[field]!.draw(in: rect, into: &buffer)
            if index == focus { cursor = (x, y) }
            if !problemLines[index].isEmpty {
                for (offset, line) in problemLines[index].enumerated() {
                    buffer.put(line, x: area.x + 2, y: y + 1 + offset, style: .danger, clip: area)
                }
            } else if index == focus, let hint = hint(field) {
                buffer.put(hint, x: rect.x, y: y + 1, style: .muted, clip: area)
            }
            y += 1 + max(1, problemLines[index].count)
        }
        return cursor
    }
}
