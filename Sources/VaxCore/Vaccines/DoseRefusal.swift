/// Why check-in may not give a person the dose they came for today. Either blocks the ticket unless
/// the site lead overrides it with a reason.
public enum DoseRefusal: Hashable, Sendable {
    /// The interval since the last dose has not passed: possible from `earliestDay` (`yyyy-mm-dd`).
    case tooEarly(earliestDay: String, minimumDays: Int)
    /// The series must be completed with one of `allowed` (product codes), and the session has none.
    case noAllowedProduct(allowed: [String])
}

extension DoseEligibility {
    /// What stops the dose on `day` at a session holding lots of `sessionProducts`; nil when nothing does.
    public func refusal(on day: String, sessionProducts: Set<String>) -> DoseRefusal? {
        if !isDue(on: day), let earliestDay {
            return .tooEarly(earliestDay: earliestDay, minimumDays: minimumDays ?? 0)
        }
        if !sessionProducts.isEmpty, sessionProducts.isDisjoint(with: allowedProducts) {
            return .noAllowedProduct(allowed: allowedProducts)
        }
        return nil
    }
}
