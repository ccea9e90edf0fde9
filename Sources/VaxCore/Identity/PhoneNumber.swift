/// Vietnamese mobile numbers: 10 digits starting 03, 05, 07, 08 or 09; written with +84 or 84 and
/// spaces, dots or dashes in real lists.
public enum PhoneNumber {
    /// The stored form (`0912345678`), or nil when the text is no Vietnamese mobile number.
    public static func normalize(_ text: String) -> String? {
        var digits = text.filter { !" .-()".contains($0) }
        if digits.hasPrefix("+84") {
            digits = "0" + digits.dropFirst(3)
        } else if digits.hasPrefix("84"), digits.count == 11 {
            digits = "0" + digits.dropFirst(2)
        }
        guard digits.count == 10, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        guard ["03", "05", "07", "08", "09"].contains(String(digits.prefix(2))) else { return nil }
        return digits
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
