import Foundation
import VaxCore

/// The screening desk's record.
public struct ScreeningClient: Sendable {
    public var save: @Sendable (_ decision: ScreeningDecision, _ by: UUID) throws -> Void

    static let unimplemented = ScreeningClient(save: DeskClient.unset("screening.save"))
}
