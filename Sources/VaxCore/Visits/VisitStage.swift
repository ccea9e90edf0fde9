/// Where a person is in today's session. Screening outcomes that stop the visit end it there.
public enum VisitStage: String, Codable, Sendable, CaseIterable {
    case waitingScreening = "waiting-screening"
    case waitingInjection = "waiting-injection"
    case deferred
    case contraindicated
    case referred
    case inObservation = "in-observation"
    case discharged
    /// Still waiting (for screening or injection) when the session closed: went home without a dose.
    case leftWithoutDose = "left-without-dose"

    /// The stage a screening outcome sends the visit to.
    public init(after outcome: ScreeningOutcome) {
        switch outcome {
        case .eligible, .caution: self = .waitingInjection
        case .deferred: self = .deferred
        case .contraindicated: self = .contraindicated
        case .referred: self = .referred
        }
    }
}
