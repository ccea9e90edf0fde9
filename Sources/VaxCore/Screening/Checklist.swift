import Foundation

/// A pre-vaccination screening checklist of one Ministry decision, loaded from
/// `Resources/data/checklists/`. Each screening record stores the version it used.
public struct Checklist: Sendable, Decodable {
    /// What answering "Có" (yes) to an item does to the outcome.
    public enum Effect: String, Sendable, Decodable, Comparable {
        case caution, refer, deferral = "defer", contraindication

        /// Strongest first: contraindication beats defer beats refer beats caution.
        var strength: Int {
            switch self {
            case .caution: 1
            case .refer: 2
            case .deferral: 3
            case .contraindication: 4
            }
        }

        public static func < (lhs: Effect, rhs: Effect) -> Bool { lhs.strength < rhs.strength }
    }

    public struct Text: Sendable, Decodable, Hashable {
        public let vi: String
        public let en: String
        public func text(_ language: Language) -> String { language == .vietnamese ? vi : en }
    }

    public struct Item: Sendable, Decodable, Hashable, Identifiable {
        public let id: String
        public let effect: Effect
        public let vi: String
        public let en: String
        /// Items of one group exclude each other (pregnancy under / over 13 weeks).
        public let exclusiveGroup: String?
        /// Set when the item says the person is pregnant (product rules depend on it).
        public let pregnancy: Bool?
        /// Set on the item that abnormal vital signs answer.
        public let vitalSigns: Bool?

        public func text(_ language: Language) -> String { language == .vietnamese ? vi : en }
    }

    /// A rule for one product, stronger than the checklist (Sputnik V in pregnancy).
    public struct ProductRule: Sendable, Decodable, Hashable {
        public let product: String
        public let whenPregnant: Effect
        public let reason: Text
    }

    public let version: String
    public let title: Text
    public let items: [Item]
    public let productRules: [ProductRule]

    public init(json: Data) throws {
        self = try JSONDecoder().decode(Checklist.self, from: json)
    }
}
