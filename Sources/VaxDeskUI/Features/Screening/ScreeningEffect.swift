import Foundation
import VaxCore

/// What the screening desk asks for: its queue, and the doctor's decision.
public enum ScreeningEffect: DeskEffect {
    case queue(QueueEffect)
    case save(ScreeningDecision, by: UUID)

    public enum Answer: Sendable {
        case queue(QueueEffect.Answer)
        case saved(ScreeningOutcome, refused: Bool)
    }

    public var isWrite: Bool {
        switch self {
        case .queue(let effect): effect.isWrite
        case .save: true
        }
    }

    public func perform(on client: DeskClient) throws -> Answer {
        switch self {
        case .queue(let effect): return .queue(try effect.perform(on: client))
        case .save(let decision, let by):
            try client.screening.save(decision, by)
            return .saved(decision.outcome, refused: decision.endsAsRefusal)
        }
    }
}
