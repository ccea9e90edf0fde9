/// Numbers as lists write them, read on UTF-8 bytes: a million-row roster reads several per row, and
/// walking `Character`s (grapheme breaking, property look-ups) costs ten times more.
enum ASCIIDigits {
    /// The digits of `text` once the separators are dropped; nil when anything else is there.
    static func digits(of text: String, separators: [UInt8]) -> [UInt8]? {
        var digits: [UInt8] = []
        digits.reserveCapacity(12)
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                digits.append(byte)
            } else if !separators.contains(byte) {
                return nil
            }
        }
        return digits
    }

    /// The value of a run of ASCII digits (at most 9, so no overflow); nil for anything else.
    static func value<C: Collection<UInt8>>(_ bytes: C) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

extension Character {
    var isASCIIDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return ascii >= 0x30 && ascii <= 0x39
    }
}
