import Foundation

/// How the observation of a person with a serious adverse event ends: with where they were referred,
/// or with how they are as they leave. A serious event never ends with a plain "discharged".
public enum AdverseEventDischarge: Hashable, Sendable {
    case referred(to: String)
    case outcome(AdverseEvent.Outcome)

    /// The outcomes a person may leave the site with on their own (not "died", which is not a discharge).
    public static let leavingOutcomes: [AdverseEvent.Outcome] = [.recovered, .recovering, .notRecovered, .recoveredWithSequelae, .unknown]
}
