/// How many terminal columns text takes, the way terminals count: a Vietnamese letter takes one column
/// whether it arrives precomposed (ệ) or as a base letter with combining marks (e + ̣ + ̂); East Asian
/// wide characters and emoji take two; control characters none.
extension Unicode.Scalar {
    var columns: Int {
        let value = self.value
        if value == 0 || value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B { return 0 }
        if Self.isWide(value) { return 2 }
        return 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}

extension Character {
    /// Columns this grapheme takes: that of its first scalar with any width (marks add nothing).
    public var displayWidth: Int {
        for scalar in unicodeScalars {
            let width = scalar.columns
            if width > 0 { return width }
        }
        return 0
    }
}

extension StringProtocol {
    /// Columns the whole text takes.
    public var displayWidth: Int { reduce(0) { $0 + $1.displayWidth } }

    /// The longest prefix that fits in `width` columns, with "…" at the end when something was cut.
    public func truncated(toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width { return String(self) }
        var result = ""
        var used = 0
        for character in self {
            let w = character.displayWidth
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// The text cut or padded with spaces to exactly `width` columns.
    public func padded(toWidth width: Int) -> String {
        let text = truncated(toWidth: width)
        return text + String(repeating: " ", count: Swift.max(0, width - text.displayWidth))
    }
}

extension StringProtocol {
    /// The text broken into lines of at most `width` columns, between words where it can: every word
    /// stays readable at 80 columns instead of ending in "…". A word wider than a whole line is cut
    /// where the line ends and goes on below. Lines after the first begin with `indent` columns of
    /// spaces (to sit under the text of a numbered item, not under its number); leading spaces are the
    /// text's own indentation and stay on the first line.
    public func wrapped(toWidth width: Int, indent: Int = 0) -> [String] {
        guard width > 0 else { return [] }
        let text = String(self)
        guard text.displayWidth > width else { return [text] }
        let indent = Swift.min(Swift.max(0, indent), width - 1)
        let leading = String(text.prefix { $0 == " " }.prefix(width - 1))
        var lines: [String] = []
        var line = leading
        var lineWidth = leading.count
        var hasWord = false
        func finish() {
            lines.append(line)
            line = String(repeating: " ", count: indent)
            lineWidth = indent
            hasWord = false
        }
        for word in text.split(separator: " ") {
            let wordWidth = word.displayWidth
            if hasWord, lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
                continue
            }
            if hasWord { finish() }
            var rest = Substring(word)
            while lineWidth + rest.displayWidth > width {
                var used = lineWidth
                let head = rest.prefix { character in
                    used += character.displayWidth
                    return used <= width
                }
                guard !head.isEmpty else { break }
                line += head
                rest = rest.dropFirst(head.count)
                finish()
            }
            line += rest
            lineWidth += rest.displayWidth
            hasWord = true
        }
        if hasWord { lines.append(line) }
        return lines
    }
}
