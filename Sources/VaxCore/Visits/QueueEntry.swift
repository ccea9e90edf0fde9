import Foundation

/// One person waiting at, or being seen by, a station: what the desk's list shows.
public struct QueueEntry: Hashable, Sendable, Identifiable {
    public var visitID: UUID
    public var ticket: Int
    public var person: Person
    public var stage: VisitStage
    public var doseNumber: Int
    /// When the person reached this stage (checked in, screened, or injected).
    public var since: Date
    /// Set once screening put the person in the caution group.
    public var caution: Bool
    /// For people under observation: when they may leave.
    public var observationDue: Date?
    /// The products that may be given (codes), when check-in restricted them (a series to complete).
    public var allowedProducts: [String]?
    /// The staff code of another desk that has called the person (nil: free, or called here).
    public var claimedBy: String?
    /// The worst adverse event recorded in this visit (nil: none): shown on the observation board.
    public var adverseEvent: AdverseEvent.Severity?
    /// Whether a serious event still needs its referral or outcome before the person may leave.
    public var adverseEventUnresolved: Bool

    public var id: UUID { visitID }

    public init(
        visitID: UUID, ticket: Int, person: Person, stage: VisitStage, doseNumber: Int, since: Date,
        caution: Bool = false, observationDue: Date? = nil, allowedProducts: [String]? = nil, claimedBy: String? = nil,
        adverseEvent: AdverseEvent.Severity? = nil, adverseEventUnresolved: Bool = false
    ) {
        self.adverseEvent = adverseEvent
        self.adverseEventUnresolved = adverseEventUnresolved
        self.allowedProducts = allowedProducts
        self.claimedBy = claimedBy
        self.visitID = visitID
        self.ticket = ticket
        self.person = person
        self.stage = stage
        self.doseNumber = doseNumber
        self.since = since
        self.caution = caution
        self.observationDue = observationDue
    }
}
