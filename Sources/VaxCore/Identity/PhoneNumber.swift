/// Vietnamese mobile numbers: 10 digits starting 03, 05, 07, 08 or 09; written with +84 or 84 and
/// spaces, dots or dashes in real lists.
public enum PhoneNumber {
    /// The stored form (`0912345678`), or nil when the text is no Vietnamese mobile number.
    public static func normalize(_ text: String) -> String? {
        let plus = text.utf8.first == UInt8(ascii: "+")
        guard var digits = ASCIIDigits.digits(of: plus ? String(text.dropFirst()) : text, separators: separators)
        else { return nil }
        // +84 912 345 678, or 84912345678: the country code stands for the leading 0.
        if digits.starts(with: [0x38, 0x34]) && (plus || digits.count == 11) {
            digits.replaceSubrange(0..<2, with: [0x30])
        } else if plus {
            return nil
        }
        guard digits.count == 10, digits[0] == 0x30, [0x33, 0x35, 0x37, 0x38, 0x39].contains(digits[1]) else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }

    private static let separators: [UInt8] = Array(" .-()".utf8)
}
