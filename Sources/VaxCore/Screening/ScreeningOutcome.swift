/// The conclusion of screening (Decision 3802/QĐ-BYT), strongest first.
public enum ScreeningOutcome: String, Codable, Sendable, CaseIterable {
    /// Chống chỉ định tiêm chủng vắc xin cùng loại.
    case contraindicated
    /// Trì hoãn tiêm chủng.
    case deferred
    /// Chỉ định tiêm tại cơ sở y tế có đủ điều kiện cấp cứu phản vệ.
    case referred
    /// Nhóm thận trọng khi tiêm chủng: vaccinated here with extra care and a longer observation.
    case caution
    /// Đủ điều kiện tiêm chủng ngay.
    case eligible

    /// Whether the person goes on to the injection desk of this site.
    public var proceedsToInjection: Bool { self == .eligible || self == .caution }

    /// Outcomes ordered strongest first; a doctor may always move towards the front.
    public var strictness: Int {
        switch self {
        case .eligible: 0
        case .caution: 1
        case .referred: 2
        case .deferred: 3
        case .contraindicated: 4
        }
    }
}

/// Why the outcome is what it is: the items answered "Có" and any product rule that applied.
public struct ScreeningAssessment: Hashable, Sendable {
    public let outcome: ScreeningOutcome
    public let decidingItems: [String]
    public let productRule: Checklist.ProductRule?
}

extension Checklist {
    /// The outcome of a set of "Có" answers for a product, with the precedence of the decision:
    /// contraindication, then deferral, then referral, then the caution group; eligible when all are "Không".
    public func assess(yes answers: Set<String>, product: String?) -> ScreeningAssessment {
        var strongest: Effect?
        var deciding: [String] = []
        for item in items where answers.contains(item.id) {
            if strongest == nil || item.effect > strongest! {
                strongest = item.effect
                deciding = [item.id]
            } else if item.effect == strongest {
                deciding.append(item.id)
            }
        }
        var appliedRule: ProductRule?
        let pregnant = items.contains { $0.pregnancy == true && answers.contains($0.id) }
        if pregnant, let product, let rule = productRules.first(where: { $0.product == product }),
           strongest == nil || rule.whenPregnant > strongest! {
            strongest = rule.whenPregnant
            appliedRule = rule
            deciding = items.filter { $0.pregnancy == true && answers.contains($0.id) }.map(\.id)
        }
        return ScreeningAssessment(
            outcome: strongest.map(Self.outcome(for:)) ?? .eligible,
            decidingItems: deciding,
            productRule: appliedRule
        )
    }

    static func outcome(for effect: Effect) -> ScreeningOutcome {
        switch effect {
        case .contraindication: .contraindicated
        case .deferral: .deferred
        case .refer: .referred
        case .caution: .caution
        }
    }
}
