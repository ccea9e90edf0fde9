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
    /// The vital signs taken, if any; abnormal ones make the vital-signs item "Có".
    public var vitals: VitalSigns?

    public init(
        visitID: UUID, checklistVersion: String, yesItems: [String], computedOutcome: ScreeningOutcome,
        outcome: ScreeningOutcome, overrideReason: String? = nil, consent: Bool, vitals: VitalSigns? = nil
    ) {
        self.vitals = vitals
        self.visitID = visitID
        self.checklistVersion = checklistVersion
        self.yesItems = yesItems
        self.computedOutcome = computedOutcome
        self.outcome = outcome
        self.overrideReason = overrideReason
        self.consent = consent
    }
}

extension ScreeningDecision {
    /// Why the decision may not be recorded, if anything: a more lenient outcome than the answers give
    /// needs a reason; going on to injection needs the person's consent.
    public var problem: VisitError? {
        if outcome.strictness < computedOutcome.strictness && (overrideReason?.trimmed ?? "").isEmpty {
            return .lenientOutcomeNeedsReason
        }
        if outcome.proceedsToInjection && !consent { return .consentRequired }
        return nil
    }
}
