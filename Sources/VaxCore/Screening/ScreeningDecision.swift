import Foundation

/// A screening as the doctor confirms it: the answers, the outcome computed from them, and the outcome
/// recorded (which may be stricter; a more lenient one needs a reason).
public struct ScreeningDecision: Hashable, Sendable {
    public var visitID: UUID
    public var checklistVersion: String
    /// The ids of the items answered "Có".
    public var yesItems: [String]
    public var computedOutcome: ScreeningOutcome
    public var outcome: ScreeningOutcome
    public var overrideReason: String?
    public var consent: Bool

    public init(
        visitID: UUID, checklistVersion: String, yesItems: [String], computedOutcome: ScreeningOutcome,
        outcome: ScreeningOutcome, overrideReason: String? = nil, consent: Bool
    ) {
        self.visitID = visitID
        self.checklistVersion = checklistVersion
        self.yesItems = yesItems
        self.computedOutcome = computedOutcome
        self.outcome = outcome
        self.overrideReason = overrideReason
        self.consent = consent
    }
}
