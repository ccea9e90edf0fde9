/// A single-line text field with UTF-8 editing: the cursor moves by whole characters, so "Đức" or a
/// decomposed "ệ" is never cut in half.
public struct TextField: Hashable, Sendable {
    public private(set) var text: String
    /// The cursor, in characters from the start.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            insert(character)
        case .backspace:
            guard cursor > 0 else { return true }
            text.remove(at: index(cursor - 1))
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < text.count else { return true }
            text.remove(at: index(cursor))
        case .left, .control("b"):
            cursor = max(0, cursor - 1)
        case .right, .control("f"):
            cursor = min(text.count, cursor + 1)
        case .home, .control("a"):
            cursor = 0
        case .end, .control("e"):
            cursor = text.count
        case .control("u"):
            text.removeSubrange(text.startIndex..<index(cursor))
            cursor = 0
        case .control("w"):
            deleteWordBeforeCursor()
        default:
            return false
        }
        return true
    }

    public mutating func insert(_ character: Character) {
        guard let first = character.unicodeScalars.first, first.value >= 0x20, first.value != 0x7F else { return }
        let countBefore = text.count
        text.insert(character, at: index(cursor))
        // A combining mark typed after a letter joins that letter: the count, and the cursor, stay.
        cursor += text.count - countBefore
    }

    public mutating func setText(_ newText: String) {
        text = newText
        cursor = newText.count
    }

    private mutating func deleteWordBeforeCursor() {
        var start = cursor
        let characters = Array(text)
        while start > 0 && characters[start - 1] == " " { start -= 1 }
        while start > 0 && characters[start - 1] != " " { start -= 1 }
        text.removeSubrange(index(start)..<index(cursor))
        cursor = start
    }

    private func index(_ offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: min(offset, text.count))
    }

    /// Draws the field in one row; the text scrolls so the cursor stays visible. Returns the cursor's
    /// screen column.
    @discardableResult
    public func draw(in rect: Rect, into buffer: inout Buffer, style: Style = .init(underline: true)) -> Int {
        buffer.fill(rect.row(0), style: style)
        let beforeCursor = String(text.prefix(cursor))
        var skipped = 0
        var visibleBefore = beforeCursor
        while visibleBefore.displayWidth >= rect.width, !visibleBefore.isEmpty {
            visibleBefore.removeFirst()
            skipped += 1
        }
        let visible = String(text.dropFirst(skipped))
        buffer.put(visible, x: rect.x, y: rect.y, style: style, clip: rect.row(0))
        return rect.x + visibleBefore.displayWidth
    }
}
