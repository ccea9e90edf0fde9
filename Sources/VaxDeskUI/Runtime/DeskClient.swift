import Foundation
import VaxCore

/// Everything a desk needs of the world, as closures: the site store, the printer, the clock, the
/// change watcher. Each feature has its own client (`CheckInClient`…), in its own folder; this holds
/// them and what the desk as a whole needs. `vaxdesk` gives the live value (on `AppDatabase`); a test
/// gives its own, starting from `DeskClient.unimplemented` and filling in what the test needs.
public struct DeskClient: Sendable {
    public var now: @Sendable () -> Date
    /// True when some process committed to the site database since the last call (this one included).
    public var databaseChanged: @Sendable () -> Bool
    /// The open session and its lots (nil: none is open).
    public var openSession: @Sendable () throws -> (VaccinationSession?, [VaccineLot])
    public var syncStatus: @Sendable () throws -> SyncStatus
    public var alerts: @Sendable () throws -> [AdverseEvent]
    public var acknowledgeAlert: @Sendable (_ eventID: UUID, _ by: UUID) throws -> Void
    /// A failure of the store (not a rule's refusal) during the effect named, in a few words for the
    /// desk, and logged.
    public var describeFailure: @Sendable (_ effect: String, _ error: Error) -> String

    public var signIn: SignInClient
    public var checkIn: CheckInClient
    public var queue: QueueClient
    public var screening: ScreeningClient
    public var injection: InjectionClient
    public var observation: ObservationClient
    public var dashboard: DashboardClient
    public var rosterImport: RosterImportClient
    public var changePIN: ChangePINClient
}

extension DeskClient {
    /// What a call throws that nobody set: the desk shows it as a storage failure (never a crash), and
    /// a test sees it by name.
    public struct Unset: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "DeskClient.\(name) is not set" }
    }

    /// A call that nobody set: it throws `Unset(name)`.
    public static func unset<each Argument, Result>(_ name: String) -> @Sendable (repeat each Argument) throws -> Result {
        { (_: repeat each Argument) in throw Unset(name: name) }
    }

    /// A client whose every call fails (and whose clock stands still), to fill in: tests set what they
    /// use, the live value sets every call (`LiveDeskClient.swift`).
    public static func unimplemented(now: Date) -> DeskClient {
        DeskClient(
            now: { now }, databaseChanged: { false },
            openSession: unset("openSession"), syncStatus: unset("syncStatus"), alerts: unset("alerts"),
            acknowledgeAlert: unset("acknowledgeAlert"), describeFailure: { _, error in String(describing: error) },
            signIn: .unimplemented, checkIn: .unimplemented, queue: .unimplemented, screening: .unimplemented,
            injection: .unimplemented, observation: .unimplemented, dashboard: .unimplemented, rosterImport: .unimplemented,
            changePIN: .unimplemented)
    }
}
