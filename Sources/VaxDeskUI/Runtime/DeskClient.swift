import Foundation
import VaxCore

/// Everything a desk needs of the world, as closures: the site store, the printer, the clock, the
/// background import, the change watcher. `vaxdesk` gives the live value (on `AppDatabase`); a test
/// gives its own, starting from `DeskClient.unimplemented` and filling in what the test needs.
public struct DeskClient: Sendable {
    public var now: @Sendable () -> Date
    /// True when some process committed to the site database since the last call (this one included).
    public var databaseChanged: @Sendable () -> Bool

    public var staff: @Sendable () throws -> [Staff]
    public var signIn: @Sendable (_ code: String, _ pin: String) throws -> Staff
    /// Gives the staff member of `code` a new random PIN and returns it.
    public var resetPIN: @Sendable (_ code: String, _ by: UUID) throws -> String
    public var auditTrail: @Sendable (_ before: Int64?, _ by: UUID) throws -> [AuditEntry]
    public var addStaff: @Sendable (_ member: Staff, _ by: UUID) throws -> String?

    public var openSession: @Sendable () throws -> (VaccinationSession?, [VaccineLot])
    public var startSession: @Sendable (_ plan: SessionPlan, _ by: UUID) throws -> Void
    public var closeSession: @Sendable (_ by: UUID) throws -> Void
    /// Records everyone still waiting as leaving without a dose; returns how many.
    public var recordLeftWithoutDose: @Sendable (_ reason: String, _ by: UUID) throws -> Int
    public var sessions: @Sendable () throws -> [VaccinationSession]
    public var report: @Sendable (_ sessionID: UUID) throws -> SessionReport
    public var dashboard: @Sendable (_ by: UUID) throws -> Dashboard?

    public var search: @Sendable (_ query: String) throws -> [RosterMatch]
    public var doseHistory: @Sendable (_ personID: UUID) throws -> [PriorDose]
    /// Checks the person in; returns the ticket number.
    public var checkIn: @Sendable (_ person: Person, _ override: String?, _ by: UUID) throws -> Int
    public var possibleDuplicates: @Sendable (_ person: Person) throws -> [RosterMatch]
    public var registerWalkIn: @Sendable (_ person: Person, _ by: UUID) throws -> Void
    /// False when the dose was on record already.
    public var savePaperDose: @Sendable (_ dose: BackfillDose, _ personID: UUID, _ by: UUID) throws -> Bool

    public var queue: @Sendable (_ stage: VisitStage) throws -> [QueueEntry]
    /// Claims a person called at this desk; throws `VisitError.claimedElsewhere` when another desk has.
    public var claim: @Sendable (_ visitID: UUID, _ stage: VisitStage, _ by: UUID) throws -> Void
    public var releaseClaim: @Sendable (_ visitID: UUID) throws -> Void
    public var saveScreening: @Sendable (_ decision: ScreeningDecision, _ by: UUID) throws -> Void
    /// Records the dose; returns when the observation ends.
    public var inject: @Sendable (_ visitID: UUID, _ vialID: UUID, _ arm: Arm, _ by: UUID) throws -> Date
    public var vials: @Sendable () throws -> [Vial]
    public var openVial: @Sendable (_ lotID: UUID, _ by: UUID) throws -> Vial
    /// Returns the doses recorded as wasted.
    public var discardVial: @Sendable (_ vialID: UUID, _ reason: String, _ by: UUID) throws -> Int
    public var discharge: @Sendable (_ visitID: UUID, _ earlyReason: String?, _ by: UUID) throws -> Void
    public var certificate: @Sendable (_ visitID: UUID) throws -> Certificate
    public var printCertificate: @Sendable (_ certificate: Certificate, _ by: UUID) throws -> PrintOutcome

    public var alerts: @Sendable () throws -> [AdverseEvent]
    public var recordAdverseEvent: @Sendable (_ event: AdverseEvent, _ by: UUID) throws -> Void
    public var acknowledgeAlert: @Sendable (_ eventID: UUID, _ by: UUID) throws -> Void
    public var syncStatus: @Sendable () throws -> SyncStatus

    /// Imports a roster file (for seconds to minutes; the run loop calls it on a thread of its own),
    /// telling `progress` the rows written and about how many the file holds. A failure that the site
    /// lead can act on is thrown as `ImportRefusal`.
    public var importRoster: @Sendable (
        _ path: String, _ by: UUID, _ progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void
    ) throws -> (RosterImportSummary, errorsFile: String?)

    /// A failure of the store (not a rule's refusal) in a few words for the desk, and logged.
    public var describeFailure: @Sendable (_ effect: AppEffect, _ error: Error) -> String

    /// How a certificate left the desk.
    public enum PrintOutcome: Sendable, Equatable {
        /// Saved to `path`, and sent to `printer` when one is configured.
        case saved(path: String, printer: String?)
        /// Saved to `path`, but the printer refused it.
        case printFailed(path: String, printer: String)
    }

    /// A roster import that could not start or failed, nothing written: the message says why.
    public struct ImportRefusal: Error, Sendable {
        public let message: String
        public init(_ message: String) { self.message = message }
    }
}

extension DeskClient {
    /// What a call throws that nobody set: the desk shows it as a storage failure (never a crash), and
    /// a test sees it by name.
    public struct Unset: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "DeskClient.\(name) is not set" }
    }

    /// A client whose every call fails (and whose clock stands still), to fill in: tests set what they
    /// use, the live value sets every call (`LiveDeskClient.swift`).
    public static func unimplemented(now: Date) -> DeskClient {
        DeskClient(
            now: { now }, databaseChanged: { false },
            staff: { throw Unset(name: "staff") }, signIn: { _, _ in throw Unset(name: "signIn") }, resetPIN: { _, _ in throw Unset(name: "resetPIN") },
            auditTrail: { _, _ in throw Unset(name: "auditTrail") }, addStaff: { _, _ in throw Unset(name: "addStaff") },
            openSession: { throw Unset(name: "openSession") }, startSession: { _, _ in throw Unset(name: "startSession") },
            closeSession: { _ in throw Unset(name: "closeSession") },
            recordLeftWithoutDose: { _, _ in throw Unset(name: "recordLeftWithoutDose") }, sessions: { throw Unset(name: "sessions") }, report: { _ in throw Unset(name: "report") },
            dashboard: { _ in throw Unset(name: "dashboard") }, search: { _ in throw Unset(name: "search") }, doseHistory: { _ in throw Unset(name: "doseHistory") },
            checkIn: { _, _, _ in throw Unset(name: "checkIn") }, possibleDuplicates: { _ in throw Unset(name: "possibleDuplicates") },
            registerWalkIn: { _, _ in throw Unset(name: "registerWalkIn") }, savePaperDose: { _, _, _ in throw Unset(name: "savePaperDose") },
            queue: { _ in throw Unset(name: "queue") },
            claim: { _, _, _ in throw Unset(name: "claim") }, releaseClaim: { _ in throw Unset(name: "releaseClaim") },
            saveScreening: { _, _ in throw Unset(name: "saveScreening") },
            inject: { _, _, _, _ in throw Unset(name: "inject") }, vials: { throw Unset(name: "vials") }, openVial: { _, _ in throw Unset(name: "openVial") },
            discardVial: { _, _, _ in throw Unset(name: "discardVial") }, discharge: { _, _, _ in throw Unset(name: "discharge") },
            certificate: { _ in throw Unset(name: "certificate") }, printCertificate: { _, _ in throw Unset(name: "printCertificate") },
            alerts: { throw Unset(name: "alerts") }, recordAdverseEvent: { _, _ in throw Unset(name: "recordAdverseEvent") },
            acknowledgeAlert: { _, _ in throw Unset(name: "acknowledgeAlert") }, syncStatus: { throw Unset(name: "syncStatus") },
            importRoster: { _, _, _ in throw Unset(name: "importRoster") },
            describeFailure: { _, error in String(describing: error) })
    }
}
