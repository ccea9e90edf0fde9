/// What the check-in nurse typed, understood: name words to match as prefixes, digits to match as the
/// end of an identity or phone number, and a birth year to filter by.
public struct RosterQuery: Hashable, Sendable {
    /// Folded words, each matched as the prefix of a word of the name, in any order.
    public let nameWords: [String]
    /// Runs of 4 digits or more: the whole or the last digits of an identity or phone number.
    public let digitRuns: [String]
    /// Four digits that read as a birth year, typed with a name ("duc 1985"): a filter on the matches.
    public let birthYear: Int?

    public init(_ text: String) {
        var words: [String] = []
        var digits: [String] = []
        for word in NameFolding.fold(text).split(separator: " ") {
            let cleaned = String(word.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
                .map(Character.init))
            if cleaned.isEmpty { continue }
            if cleaned.allSatisfy(\.isASCIIDigit) {
                if cleaned.count >= 4 { digits.append(cleaned) }
            } else {
                words.append(cleaned)
            }
        }
        // With a name, a four-digit number that reads as a year is the birth year, not an ID's end.
        if !words.isEmpty, let year = digits.first(where: { $0.count == 4 && (1890...2100).contains(Int($0)!) }) {
            birthYear = Int(year)
            digits.removeAll { $0 == year }
        } else {
            birthYear = nil
        }
        nameWords = words
        digitRuns = digits
    }

    /// Nothing to search by: a birth year alone is only a filter.
    public var isEmpty: Bool { nameWords.isEmpty && digitRuns.isEmpty }

    /// The FTS5 expression: every name word a prefix of a name word, every digit run the start of a
    /// reversed number (so the end of the number), all required.
    public var ftsExpression: String {
        let names = nameWords.map { "folded_name : \"\($0)\"*" }
        let numbers = digitRuns.map { "search_digits : \"\(String($0.reversed()))\"*" }
        return (names + numbers).joined(separator: " AND ")
    }
}
