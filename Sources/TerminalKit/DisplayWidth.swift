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
