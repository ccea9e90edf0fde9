/// The digits a person can be found by, reversed: the identity number and the phone. Reversed, the
/// last digits a nurse types ("…4321") become a prefix, which the search index answers directly.
enum SearchDigits {
    static func of(identityNumber: String?, phone: String?) -> String {
        // Numbers are ASCII digits: reversing bytes is reversing characters, without grapheme breaking.
        [identityNumber, phone].compactMap { $0.map { String(decoding: $0.utf8.reversed(), as: UTF8.self) } }
            .joined(separator: " ")
    }
}
