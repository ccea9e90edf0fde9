/// What the check-in nurse typed, understood: name words to match as prefixes, and an identity number.
public struct RosterQuery: Hashable, Sendable {
    /// Folded words, each matched as the prefix of a word of the name, in any order.
    public let nameWords: [String]
    /// A run of 9 or 12 digits: a CMND or CCCD number to match whole.
    public let identityNumber: String?
    /// Four digits that read as a birth year ("duc 1985"): a filter on the matches.
    public let birthYear: Int?

    public init(_ text: String) {
        var words: [String] = []
        var identity: String?
        var year: Int?
        for word in NameFolding.fold(text).split(separator: " ") {
            let cleaned = String(word.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
                .map(Character.init))
            if cleaned.isEmpty { continue }
            if cleaned.allSatisfy(\.isASCIIDigit) {
                if cleaned.count == 9 || cleaned.count == 12 { identity = cleaned }
                if cleaned.count == 4, let value = Int(cleaned), (1890...2100).contains(value) { year = value }
                continue
            }
            words.append(cleaned)
        }
        nameWords = words
        identityNumber = identity
        birthYear = year
    }

    /// Nothing to search by: a birth year alone is only a filter.
    public var isEmpty: Bool { nameWords.isEmpty && identityNumber == nil }

    /// The FTS5 expression: every word a quoted prefix, all required.
    public var ftsExpression: String {
        nameWords.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}
