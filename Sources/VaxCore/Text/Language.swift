/// The interface languages; Vietnamese is the default.
public enum Language: String, Sendable, CaseIterable {
    case vietnamese = "vi"
    case english = "en"
}
