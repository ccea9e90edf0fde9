import Foundation

/// What the check-in nurse typed, understood: name words to match as prefixes, digits to match as the
/// end of an identity or phone number, and a birth year to filter by.
public struct RosterQuery: Hashable, Sendable {
    /// Folded words, each matched as the prefix of a word of the name, in any order.
    public let nameWords: [String]
    /// Runs of 4 digits or more: the whole or the last digits of an identity or phone number.
    public let digitRuns: [String]
    /// Four digits that read as a birth year, typed with a name ("duc 1985", or two: "hung 51"): a
    /// filter on the matches.
    public let birthYear: Int?
    /// Digits too few to search by (1 to 3, with no name): the desk asks for more instead of finding
    /// nobody, which would invite a duplicate.
    public let tooFewDigits: Bool

    /// How many people a desk's search shows at most: more means the query should say more.
    public static let deskLimit = 50
    /// Matches are counted up to this many: beyond it the desk says "more than 10,000".
    public static let countCap = 10_000

    /// `currentYear` reads a two-digit year: "51" is 1951, "05" is 2005 until 2005 is in the future.
    public init(_ text: String, currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) {
        var words: [String] = []
        var digits: [String] = []
        var short: [String] = []
        for word in NameFolding.fold(text).split(separator: " ") {
            let cleaned = String(word.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
                .map(Character.init))
            if cleaned.isEmpty { continue }
            if cleaned.allSatisfy(\.isASCIIDigit) {
                if cleaned.count >= 4 { digits.append(cleaned) } else { short.append(cleaned) }
            } else {
                words.append(cleaned)
            }
        }
        // With a name, a four-digit number that reads as a year is the birth year, not an ID's end.
        if !words.isEmpty, let year = digits.first(where: { $0.count == 4 && (1890...2100).contains(Int($0)!) }) {
            birthYear = Int(year)
            digits.removeAll { $0 == year }
        } else if !words.isEmpty, let two = short.first(where: { $0.count == 2 }), let yy = Int(two) {
            birthYear = 2000 + yy <= currentYear ? 2000 + yy : 1900 + yy
        } else {
            birthYear = nil
        }
        nameWords = words
        digitRuns = digits
        tooFewDigits = words.isEmpty && digits.isEmpty && !short.isEmpty
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
