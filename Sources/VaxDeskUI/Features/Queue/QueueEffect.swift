import Foundation
import VaxCore

/// What a station with a queue asks for: the list, and calling a person from it. Screening,
/// injection and observation each take these among their own effects.
public enum QueueEffect: DeskEffect {
    case load(VisitStage)
    /// The desk calls a person: other desks see them taken and cannot call them.
    case claim(visitID: UUID, stage: VisitStage, by: UUID)
    /// The desk lets go of the person it called (back to the queue without recording, signing out).
    case releaseClaim(visitID: UUID)

    public enum Answer: Sendable {
        case loaded(VisitStage, [QueueEntry])
        /// The person called is this desk's until the step is recorded or the desk lets go.
        case claimed(visitID: UUID)
        case released
    }

    /// A claim is written, but the desk need not wait for it: the doctor starts at once, and a claim
    /// refused (another desk was first) takes the screen back to the queue.
    public var isWrite: Bool { false }

    public func perform(on client: DeskClient) throws -> Answer {
        switch self {
        case .load(let stage): return .loaded(stage, try client.queue.entries(stage))
        case .claim(let visitID, let stage, let by):
            try client.queue.claim(visitID, stage, by)
            return .claimed(visitID: visitID)
        case .releaseClaim(let visitID):
            try client.queue.releaseClaim(visitID)
            return .released
        }
    }
}
