/// The bottom row: what each key does right now, drawn from the screen's key map. A disabled key is
/// shown dimmed and in brackets, so it reads as unavailable without colour. The screen's own keys come
/// first; when the row is too narrow for every key it ends with "F1 …" (the help, which lists them all),
/// never with a key cut in half.
public enum FunctionBar {
    public static func draw<C>(_ keyMap: KeyMap<C>, in rect: Rect, into buffer: inout Buffer, help: Key = .function(1)) {
        buffer.fill(rect.row(0), style: .init(reverse: true))
        let shown = keyMap.bindings.filter { $0.inBar && !$0.keys.isEmpty }
        // The keys that fit before `end`, in order.
        func fitting(before end: Int) -> [KeyBinding<C>] {
            var x = rect.x
            return Array(shown.prefix { binding in
                defer { x += width(binding) + 2 }
                return x + width(binding) <= end
            })
        }
        var drawn = fitting(before: rect.maxX)
        var more: String?
        // Keys left out, and the help not among those shown: the bar ends by pointing to it.
        if drawn.count < shown.count, !drawn.contains(where: { $0.keys.contains(help) }),
           keyMap.bindings.contains(where: { $0.keys.contains(help) })
        {
            more = help.label + " …"
            drawn = fitting(before: rect.maxX - help.label.displayWidth - 2 - 2)
        }
        var x = rect.x
        for binding in drawn {
            let keyText = binding.keys[0].label
            buffer.put(keyText, x: x, y: rect.y, style: .init(tone: .accent, bold: true, reverse: true))
            buffer.put(label(binding), x: x + keyText.displayWidth + 1, y: rect.y,
                       style: binding.isEnabled ? .init(reverse: true) : .init(tone: .muted, reverse: true))
            x += width(binding) + 2
        }
        if let more {
            buffer.put(help.label, x: x, y: rect.y, style: .init(tone: .accent, bold: true, reverse: true))
            buffer.put("…", x: x + help.label.displayWidth + 1, y: rect.y, style: .init(reverse: true))
        }
    }

    private static func width<C>(_ binding: KeyBinding<C>) -> Int {
        binding.keys[0].label.displayWidth + 1 + label(binding).displayWidth
    }

    private static func label<C>(_ binding: KeyBinding<C>) -> String {
        binding.isEnabled ? binding.label : "(\(binding.label))"
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
