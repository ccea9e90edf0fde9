/// The rules of a CCCD number (12 digits): 3-digit place of birth registration, 1 digit for sex and
/// century, the last 2 digits of the birth year, 6 random digits.
public enum CitizenID {
    /// Something wrong or doubtful about a CCCD number, measured against the person's record.
    public enum Problem: Hashable, Sendable {
        /// Not 12 digits. Fatal.
        case notTwelveDigits
        /// The sex/century digit says another sex than the record. Fatal: a typing error to fix.
        case sexMismatch(cardSays: Sex)
        /// The sex/century digit says another century than the birth year. Fatal.
        case centuryMismatch(cardSays: Int)
        /// Digits 5–6 are not the last two digits of the birth year. Fatal.
        case yearMismatch(cardSays: String)
        /// The first 3 digits are no province we know: may be a country code for a birth abroad. A warning.
        case unknownPlaceCode(String)

        public var isFatal: Bool {
            if case .unknownPlaceCode = self { return false }
            return true
        }
    }

    /// The sex and first year of the century that a sex/century digit stands for.
    public static func decodeSexCentury(_ digit: Int) -> (sex: Sex, centuryStart: Int) {
        let centuryStart = 1900 + (digit / 2) * 100
        return (digit % 2 == 0 ? .male : .female, centuryStart)
    }

    /// The sex/century digit for a person: 1900–1999 male 0 female 1; 2000–2099 male 2 female 3; and so on.
    public static func sexCenturyDigit(sex: Sex, birthYear: Int) -> Int {
        let century = max(0, (birthYear - 1900) / 100)
        return century * 2 + (sex == .male ? 0 : 1)
    }

    /// Checks a CCCD number against the birth date and sex on record. An empty answer means consistent.
    public static func check(
        _ number: String, birthYear: Int, sex: Sex, provinces: ProvinceCodes
    ) -> [Problem] {
        let digits = Array(number.utf8)
        guard digits.count == 12, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return [.notTwelveDigits]
        }
        var problems: [Problem] = []
        let place = String(number.prefix(3))
        if provinces.name(of: place) == nil { problems.append(.unknownPlaceCode(place)) }
        let (cardSex, centuryStart) = decodeSexCentury(Int(digits[3] - 48))
        if cardSex != sex { problems.append(.sexMismatch(cardSays: cardSex)) }
        if !(centuryStart..<(centuryStart + 100)).contains(birthYear) {
            problems.append(.centuryMismatch(cardSays: centuryStart))
        }
        let yearDigits = String(number.dropFirst(4).prefix(2))
        if yearDigits != (birthYear % 100).zeroPadded(2) {
            problems.append(.yearMismatch(cardSays: yearDigits))
        }
        return problems
    }
}

/// An identity number as lists write it ("091 085 012 345", "091.085.012.345").
public enum IdentityNumber {
    /// The digits of a CCCD (12) or CMND (9); nil when the text is neither.
    public static func normalize(_ text: String) -> String? {
        guard let digits = ASCIIDigits.digits(of: text, separators: [0x20, 0x2E, 0x2D]),
              digits.count == 9 || digits.count == 12
        else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }
}
