/// Sex as recorded on the identity card and the roster.
public enum Sex: String, Codable, Sendable, CaseIterable {
    case male = "M"
    case female = "F"
}
