/// The arm the dose went into.
public enum Arm: String, Codable, Sendable, CaseIterable {
    case left, right
}
