import Foundation

/// One cell of the screen. A wide character fills its cell and marks the next as its continuation.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style
    /// Set on the right half of a wide character: nothing is drawn there.
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// An off-screen grid of cells. Screens draw into it; the backend is sent only what changed.
public struct Buffer: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.columns * size.rows))
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.columns, height: size.rows) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.columns + x] }
        set { cells[y * size.columns + x] = newValue }
    }

    /// Writes text from (x, y), clipped to `clip` (the whole buffer by default). Text is shown in NFC,
    /// so decomposed Vietnamese takes the same cells as precomposed. Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let clip = clip ?? bounds
        guard y >= max(0, clip.y), y < min(size.rows, clip.maxY) else { return 0 }
        let limit = min(size.columns, clip.maxX)
        var column = x
        for character in text.precomposedStringWithCanonicalMapping {
            let width = character.displayWidth
            if width == 0 { continue }
            if column + width > limit { break }
            if column >= max(0, clip.x) {
                self[column, y] = Cell(character, style: style)
                if width == 2 { self[column + 1, y] = Cell(" ", style: style, isContinuation: true) }
            }
            column += width
        }
        return column - x
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        for y in max(0, rect.y)..<min(size.rows, rect.maxY) {
            for x in max(0, rect.x)..<min(size.columns, rect.maxX) {
                self[x, y] = Cell(character, style: style)
            }
        }
    }

    /// Changes the style of every cell of a rectangle, keeping the text (a selection bar).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for y in max(0, rect.y)..<min(size.rows, rect.maxY) {
            for x in max(0, rect.x)..<min(size.columns, rect.maxX) {
                change(&self[x, y].style)
            }
        }
    }

    /// Draws a frame with Unicode line characters (ACS turns to "qqqq" under a mismatched TERM).
    public mutating func box(_ rect: Rect, title: String? = nil, style: Style = .plain) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style)
        put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put("│", x: rect.x, y: y, style: style)
            put("│", x: rect.maxX - 1, y: y, style: style)
        }
        if let title, rect.width > 6 {
            put(" " + title.truncated(toWidth: rect.width - 6) + " ", x: rect.x + 2, y: rect.y, style: .title)
        }
    }

    /// The text of each row, trailing spaces removed: what a person reading the screen sees.
    public var lines: [String] {
        (0..<size.rows).map { y in
            var line = ""
            for x in 0..<size.columns where !self[x, y].isContinuation {
                line.append(self[x, y].character)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") }
}
