import Foundation

extension StringProtocol {
    /// The text without white space at either end. Pure Swift: Foundation's `trimmingCharacters` goes
    /// through NSString and costs microseconds per call, which a million-row import pays several times.
    public var trimmed: String {
        guard let first = firstIndex(where: { !$0.isFastWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isFastWhitespace })!
        return String(self[first...last])
    }

    /// The text in NFC. Most text already is (no combining marks): it is returned as is, without the
    /// cost of a normalisation pass.
    public var precomposed: String {
        let hasMarks = unicodeScalars.contains { (0x0300...0x036F).contains($0.value) }
        return hasMarks ? String(self).precomposedStringWithCanonicalMapping : String(self)
    }
}

extension String {
    /// The text without white space at either end; most fields have nothing to trim, and two byte
    /// checks say so.
    public var trimmed: String {
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        return self[...].trimmed
    }
}

extension Character {
    /// `isWhitespace`, answering the common ASCII cases without a Unicode property lookup.
    public var isFastWhitespace: Bool {
        if let ascii = asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        if unicodeScalars.count == 1, let scalar = unicodeScalars.first { return scalar.isFastWhitespace }
        return isWhitespace
    }
}

extension Unicode.Scalar {
    /// `properties.isWhitespace`, answering the common ASCII cases without a property lookup.
    var isFastWhitespace: Bool {
        if isASCII { return value == 0x20 || (0x09...0x0D).contains(value) }
        // Below U+1680 (where Vietnamese letters are), only NEL and the no-break space are white space.
        if value < 0x1680 { return value == 0x85 || value == 0xA0 }
        return properties.isWhitespace
    }
}
