/// The bottom row: what each key does right now, drawn from the screen's key map. A disabled key is
/// shown dimmed and in brackets, so it reads as unavailable without colour.
public enum FunctionBar {
    public static func draw<C>(_ keyMap: KeyMap<C>, in rect: Rect, into buffer: inout Buffer) {
        buffer.fill(rect.row(0), style: .init(reverse: true))
        var x = rect.x
        for binding in keyMap.bindings where binding.inBar {
            guard let key = binding.keys.first else { continue }
            let keyText = key.label
            let label = binding.isEnabled ? binding.label : "(\(binding.label))"
            let width = keyText.displayWidth + 1 + label.displayWidth
            if x + width > rect.maxX { break }
            buffer.put(keyText, x: x, y: rect.y, style: .init(tone: .accent, bold: true, reverse: true))
            buffer.put(label, x: x + keyText.displayWidth + 1, y: rect.y,
                       style: binding.isEnabled ? .init(reverse: true) : .init(tone: .muted, reverse: true))
            x += width + 2
        }
    }
}

/// A row with text on the left and on the right, such as the status line.
public enum StatusLine {
    public static func draw(left: String, right: String, in rect: Rect, into buffer: inout Buffer, style: Style = .muted) {
        buffer.fill(rect.row(0), style: style)
        let rightWidth = min(right.displayWidth, rect.width)
        buffer.put(left.truncated(toWidth: max(0, rect.width - rightWidth - 2)), x: rect.x, y: rect.y, style: style)
        buffer.put(right.truncated(toWidth: rect.width), x: rect.maxX - rightWidth, y: rect.y, style: style)
    }
}
