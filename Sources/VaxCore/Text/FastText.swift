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

extension Character {
    /// `isWhitespace`, answering the common ASCII cases without a Unicode property lookup.
    public var isFastWhitespace: Bool {
        if let ascii = asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return isWhitespace
    }
}

extension Unicode.Scalar {
    /// `properties.isWhitespace`, answering the common ASCII cases without a property lookup.
    var isFastWhitespace: Bool {
        if isASCII { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}
