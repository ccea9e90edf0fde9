import Foundation
import VaxCore

/// The people waiting at a station, and calling one of them (screening, injection, observation).
public struct QueueClient: Sendable {
    public var entries: @Sendable (_ stage: VisitStage) throws -> [QueueEntry]
    /// Claims a person called at this desk; throws `VisitError.claimedElsewhere` when another desk has.
    public var claim: @Sendable (_ visitID: UUID, _ stage: VisitStage, _ by: UUID) throws -> Void
    public var releaseClaim: @Sendable (_ visitID: UUID) throws -> Void

    public static let unimplemented = QueueClient(
        entries: DeskClient.unset("queue.entries"), claim: DeskClient.unset("queue.claim"),
        releaseClaim: DeskClient.unset("queue.releaseClaim"))
}
