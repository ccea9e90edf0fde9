/// Selection and scrolling of a list; the rows themselves are drawn by the caller.
public struct ListSelection: Hashable, Sendable {
    public private(set) var selected: Int
    public private(set) var offset: Int

    public init(selected: Int = 0) {
        self.selected = selected
        offset = 0
    }

    /// Moves the selection for a navigation key; returns false for other keys.
    public mutating func handle(_ key: Key, count: Int, visibleRows: Int) -> Bool {
        let page = max(1, visibleRows - 1)
        switch key {
        case .up: select(selected - 1, count: count, visibleRows: visibleRows)
        case .down: select(selected + 1, count: count, visibleRows: visibleRows)
        case .pageUp: select(selected - page, count: count, visibleRows: visibleRows)
        case .pageDown: select(selected + page, count: count, visibleRows: visibleRows)
        case .home: select(0, count: count, visibleRows: visibleRows)
        case .end: select(count - 1, count: count, visibleRows: visibleRows)
        default: return false
        }
        return true
    }

    /// Selects a row, keeping it within the list and on screen.
    public mutating func select(_ row: Int, count: Int, visibleRows: Int) {
        selected = count == 0 ? 0 : min(max(0, row), count - 1)
        clamp(count: count, visibleRows: visibleRows)
    }

    /// Keeps the selection valid after the list changed under it (another desk's write).
    public mutating func clamp(count: Int, visibleRows: Int) {
        selected = count == 0 ? 0 : min(selected, count - 1)
        let rows = max(1, visibleRows)
        if selected < offset { offset = selected }
        if selected >= offset + rows { offset = selected - rows + 1 }
        offset = max(0, min(offset, max(0, count - rows)))
    }
}

/// Draws a list of rows in a rectangle, the selected one highlighted with a marker and reverse video
/// (the marker keeps the selection visible without colour).
public enum ListView {
    public static func draw(
        _ rows: [String], selection: ListSelection, focused: Bool = true, in rect: Rect, into buffer: inout Buffer,
        styles: [Style]? = nil, empty: String? = nil
    ) {
        // A list longer than its room gives its last row to a position line ("12/50 ↑↓").
        let scrolls = rows.count > rect.height
        let visibleRows = scrolls ? max(1, rect.height - 1) : rect.height
        var selection = selection
        selection.clamp(count: rows.count, visibleRows: visibleRows)
        if rows.isEmpty, let empty {
            buffer.put(empty, x: rect.x + 2, y: rect.y, style: .muted, clip: rect)
            return
        }
        for line in 0..<visibleRows {
            let index = selection.offset + line
            guard index < rows.count else { break }
            let isSelected = focused && index == selection.selected
            let marker = isSelected ? "▶ " : "  "
            var style = styles?[index] ?? .plain
            if isSelected { style.reverse = true }
            buffer.put((marker + rows[index]).padded(toWidth: rect.width), x: rect.x, y: rect.y + line, style: style)
        }
        if scrolls, rect.width > 0 {
            let position = "\(selection.selected + 1)/\(rows.count) ↑↓"
            buffer.put(position, x: rect.maxX - position.displayWidth, y: rect.maxY - 1, style: .muted)
        }
    }
}
