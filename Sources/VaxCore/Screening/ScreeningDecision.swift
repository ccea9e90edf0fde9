import Foundation

/// A screening as the doctor confirms it: the answers, the outcome computed from them, and the outcome
/// recorded (which may be stricter; a more lenient one needs a reason).
public struct ScreeningDecision: Hashable, Sendable {
    public var visitID: UUID
    public var checklistVersion: String
    /// Every item asked, with its answer.
    public var answers: ScreeningAnswers
    public var computedOutcome: ScreeningOutcome
    public var outcome: ScreeningOutcome
    public var overrideReason: String?
    public var consent: Bool
    /// Fit for the dose and declined it: the visit ends here, counted as a refusal (Annex 5 has a
    /// column for them), not as consent forgotten.
    public var refused = false
    /// The vital signs taken; abnormal ones make the vital-signs item "Có".
    public var vitals: VitalSigns?
    /// Why the vital signs were not taken (then the vital-signs item is asked like any other).
    public var vitalsNotTakenReason: String?

    public init(
        visitID: UUID, checklistVersion: String, answers: ScreeningAnswers, computedOutcome: ScreeningOutcome,
        outcome: ScreeningOutcome, overrideReason: String? = nil, consent: Bool, vitals: VitalSigns? = nil,
        vitalsNotTakenReason: String? = nil
    ) {
        self.vitals = vitals
        self.vitalsNotTakenReason = vitalsNotTakenReason
        self.visitID = visitID
        self.checklistVersion = checklistVersion
        self.answers = answers
        self.computedOutcome = computedOutcome
        self.outcome = outcome
        self.overrideReason = overrideReason
        self.consent = consent
    }
}

extension ScreeningDecision {
    /// The ids of the items answered "Có".
    public var yesItems: [String] { answers.yesItems }

    /// Why the decision may not be recorded, if anything: the vital signs are taken (or why not is
    /// said); a more lenient outcome than the answers give needs a reason; going on to injection needs
    /// the person's consent.
    public var problem: VisitError? {
        if !(vitals?.isComplete ?? false) && (vitalsNotTakenReason?.trimmed ?? "").isEmpty { return .vitalSignsMissing }
        if outcome.strictness < computedOutcome.strictness && (overrideReason?.trimmed ?? "").isEmpty {
            return .lenientOutcomeNeedsReason
        }
        if outcome.proceedsToInjection && !consent && !refused { return .consentRequired }
        return nil
    }

    /// Whether the visit ends as a refusal: an outcome that would go on to injection, without consent.
    public var endsAsRefusal: Bool { refused && outcome.proceedsToInjection && !consent }
}

extension ScreeningDecision {
    /// Why the decision may not be recorded against `checklist` for a person of `sex`: every item that
    /// applies must have been answered, and the vital signs must agree with the vital-signs item.
    public func problem(against checklist: Checklist, sex: Sex) -> VisitError? {
        let unanswered = checklist.unanswered(answers, for: sex)
        if !unanswered.isEmpty { return .screeningUnanswered(items: unanswered) }
        return problem
    }
}
