import Foundation

/// The doctor's answer to each item of the checklist that applies to the person: "Có" (true) or
/// "Không" (false). An item not in it was not asked; a screening is concluded only once every item
/// that applies is answered, so that "asked, all Không" can never be confused with "never asked".
public struct ScreeningAnswers: Hashable, Sendable, Codable {
    public private(set) var byItem: [String: Bool]

    public init(_ byItem: [String: Bool] = [:]) {
        self.byItem = byItem
    }

    public subscript(item: String) -> Bool? { byItem[item] }

    /// The items answered "Có", sorted.
    public var yesItems: [String] { byItem.filter(\.value).map(\.key).sorted() }

    /// Answers `item`. "Có" to an item of an exclusive group (pregnancy under / over 13 weeks) answers
    /// the others of its group "Không".
    public mutating func answer(_ item: String, yes: Bool, in checklist: Checklist) {
        byItem[item] = yes
        guard yes, let group = checklist.items.first(where: { $0.id == item })?.exclusiveGroup else { return }
        for other in checklist.items where other.exclusiveGroup == group && other.id != item { byItem[other.id] = false }
    }

    public mutating func clear(_ item: String) { byItem[item] = nil }
}

extension Checklist {
    /// The items asked of a person: pregnancy is not asked of a man.
    public func items(for sex: Sex) -> [Item] {
        items.filter { sex == .female || $0.pregnancy != true }
    }

    /// The items that apply to a person of `sex` and are not answered yet, in the checklist's order.
    public func unanswered(_ answers: ScreeningAnswers, for sex: Sex) -> [String] {
        items(for: sex).map(\.id).filter { answers[$0] == nil }
    }

    /// Every item that applies answered (every item at all when `sex` is nil): "Có" for those in
    /// `yes`, "Không" for the rest. For callers that decide the whole checklist at once (the
    /// simulation; a paper form typed in).
    public func answers(yes: Set<String>, for sex: Sex? = nil) -> ScreeningAnswers {
        let asked = sex.map(items(for:)) ?? items
        return ScreeningAnswers(Dictionary(uniqueKeysWithValues: asked.map { ($0.id, yes.contains($0.id)) }))
    }

    /// The item that abnormal vital signs answer.
    public var vitalSignsItem: Item? { items.first { $0.vitalSigns == true } }
}
