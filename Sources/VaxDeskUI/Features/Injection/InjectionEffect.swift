import Foundation
import VaxCore

/// What the injection desk asks for: its queue, its vials, and the dose.
public enum InjectionEffect: DeskEffect {
    case queue(QueueEffect)
    case loadVials
    case openVial(lotID: UUID, by: UUID)
    case discardVial(vialID: UUID, reason: String, by: UUID)
    case inject(visitID: UUID, vialID: UUID, arm: Arm, by: UUID)

    public enum Answer: Sendable {
        case queue(QueueEffect.Answer)
        /// The vials of the open session, open ones first.
        case vialsLoaded([Vial])
        case vialOpened(Vial)
        case vialDiscarded(dosesWasted: Int)
        case injected(observationDue: Date)
    }

    public var isWrite: Bool {
        switch self {
        case .queue(let effect): effect.isWrite
        case .openVial, .discardVial, .inject: true
        case .loadVials: false
        }
    }

    public func perform(on client: DeskClient) throws -> Answer {
        let desk = client.injection
        switch self {
        case .queue(let effect): return .queue(try effect.perform(on: client))
        case .loadVials: return .vialsLoaded(try desk.vials())
        case .openVial(let lotID, let by): return .vialOpened(try desk.openVial(lotID, by))
        case .discardVial(let vialID, let reason, let by):
            return .vialDiscarded(dosesWasted: try desk.discardVial(vialID, reason, by))
        case .inject(let visitID, let vialID, let arm, let by):
            return .injected(observationDue: try desk.inject(visitID, vialID, arm, by))
        }
    }
}
