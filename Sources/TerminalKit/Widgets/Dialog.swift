/// A framed box in the middle of the screen: a confirmation, a message, or a question with a field.
public struct Dialog: Hashable, Sendable {
    public var title: String
    public var lines: [String]
    /// What the bottom row of the box says (e.g. "Enter: Xác nhận   Esc: Quay lại").
    public var hint: String
    public var tone: Tone

    public init(title: String, lines: [String], hint: String, tone: Tone = .normal) {
        self.title = title
        self.lines = lines
        self.hint = hint
        self.tone = tone
    }

    /// Draws the dialog over what is there; returns the inner rectangle (for a field the caller adds).
    /// A line wider than the screen allows is wrapped between words, under its own indentation: a
    /// dialog never ends a sentence in "…".
    @discardableResult
    public func draw(in area: Rect, into buffer: inout Buffer, extraRows: Int = 0) -> Rect {
        let contentWidth = max(title.displayWidth + 4, hint.displayWidth, lines.map(\.displayWidth).max() ?? 0)
        let width = min(area.width - 2, contentWidth + 4)
        let textWidth = width - 4
        let shown = lines.flatMap { line in line.wrapped(toWidth: textWidth, indent: line.prefix { $0 == " " }.count) }
        let height = min(area.height - 2, shown.count + extraRows + 4)
        let frame = area.centered(width: width, height: height)
        buffer.fill(frame)
        let frameStyle = Style(tone: tone, bold: tone != .normal)
        buffer.box(frame, title: title, style: frameStyle)
        let inner = frame.inset(by: 1).splitLeft(1).1
        for (index, line) in shown.enumerated() where index < inner.height - 1 {
            buffer.put(line, x: inner.x, y: inner.y + index)
        }
        buffer.put(hint.truncated(toWidth: textWidth), x: inner.x, y: inner.maxY - 1, style: .muted)
        return Rect(x: inner.x, y: inner.y + shown.count, width: textWidth, height: extraRows)
    }
}
