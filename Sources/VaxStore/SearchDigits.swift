/// The digits a person can be found by, reversed: the identity number and the phone. Reversed, the
/// last digits a nurse types ("…4321") become a prefix, which the search index answers directly.
enum SearchDigits {
    static func of(identityNumber: String?, phone: String?) -> String {
        [identityNumber, phone].compactMap { $0.map { String($0.reversed()) } }.joined(separator: " ")
    }
}
