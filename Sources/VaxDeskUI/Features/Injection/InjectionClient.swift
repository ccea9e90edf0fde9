import Foundation
import VaxCore

/// The injection desk's vials and doses.
public struct InjectionClient: Sendable {
    /// Records the dose; returns when the observation ends.
    public var inject: @Sendable (_ visitID: UUID, _ vialID: UUID, _ arm: Arm, _ by: UUID) throws -> Date
    /// The vials of the open session, open ones first.
    public var vials: @Sendable () throws -> [Vial]
    public var openVial: @Sendable (_ lotID: UUID, _ by: UUID) throws -> Vial
    /// Returns the doses recorded as wasted.
    public var discardVial: @Sendable (_ vialID: UUID, _ reason: String, _ by: UUID) throws -> Int

    static let unimplemented = InjectionClient(
        inject: DeskClient.unset("injection.inject"), vials: DeskClient.unset("injection.vials"),
        openVial: DeskClient.unset("injection.openVial"), discardVial: DeskClient.unset("injection.discardVial"))
}
