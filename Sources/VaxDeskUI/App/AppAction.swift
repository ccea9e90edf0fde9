import Foundation
import TerminalKit
import VaxCore

/// Everything that can happen to the interface: keys, time, and the results of effects.
public enum AppAction: Sendable {
    case key(Key)
    case tick(Date)
    case resized(Size)
    /// Some process committed to the site database: what is on screen may be stale.
    case databaseChanged
    case staffLoaded([Staff])
    /// The PIN was right: this staff member is signed in at the desk.
    case signedIn(Staff)
    case signInRefused(SignInRefusal)
    /// The site lead reset a PIN: the new one, to tell the person once.
    case pinReset(code: String, pin: String)
    /// Rows of the audit trail, newest first (`appended`: older rows after those shown).
    case auditTrailLoaded([AuditEntry], appended: Bool)
    case sessionLoaded(VaccinationSession?, lots: [VaccineLot])
    case searchResults(query: String, [RosterMatch])
    case queueLoaded(VisitStage, [QueueEntry])
    case doseHistoryLoaded(personID: UUID, [PriorDose])
    case checkedIn(ticket: Int, person: Person)
    /// People on the roster who may be the walk-in about to be registered (empty: nobody).
    case duplicatesFound(Person, [RosterMatch])
    case walkInRegistered(Person)
    /// A paper-record dose was saved (`added` false: it was on record already).
    case paperDoseSaved(personID: UUID, added: Bool)
    case screeningSaved(ticket: Int, outcome: ScreeningOutcome)
    case injectionSaved(ticket: Int, observationDue: Date)
    case discharged(ticket: Int)
    case syncStatusLoaded(SyncStatus)
    /// The vials of the open session, open ones first.
    case vialsLoaded([Vial])
    case alertsLoaded([AdverseEvent])
    /// The site lead's dashboard of the open session (nil: none is open).
    case dashboardLoaded(Dashboard?)
    case sessionClosed
    case sessionOpened
    case sessionsLoaded([VaccinationSession])
    case reportLoaded(SessionReport)
    /// A staff member was added, with their first PIN to tell them once.
    case staffAdded(Staff, pin: String?)
    case certificateLoaded(Certificate)
    /// The certificate was saved to `path`, and sent to `printer` when one is configured.
    case certificatePrinted(path: String, printer: String?)
    /// Saved to `path`, but the printer refused it.
    case certificatePrintFailed(path: String, printer: String)
    case adverseEventRecorded(ticket: Int, serious: Bool)
    case vialOpened(Vial)
    case vialDiscarded(dosesWasted: Int)
    /// A roster import under way: rows written, and about how many the file holds.
    case importProgress(done: Int, total: Int)
    /// A roster import ended; `errorsFile` lists the refused rows when there were any.
    case rosterImported(RosterImportSummary, errorsFile: String?)
    /// A roster import could not start or failed, nothing was written: the message says why.
    case importFailed(String)
    /// A step was refused by a rule (another desk was first, no open session…).
    case refused(VisitError)
    /// The store could not save or read (disk full, locked too long): nothing was recorded.
    case storageFailed(String)
}

extension AppAction {
    /// A step a desk asked for has ended, recorded or refused.
    var endsStep: Bool {
        switch self {
        case .checkedIn, .walkInRegistered, .adverseEventRecorded, .sessionClosed, .sessionOpened, .staffAdded, .paperDoseSaved,
             .signedIn, .signInRefused, .pinReset, .vialOpened, .vialDiscarded, .screeningSaved, .injectionSaved, .discharged, .refused, .storageFailed: true
        default: false
        }
    }
}

/// Work the interface asks for; the run loop performs it and answers with actions.
public enum AppEffect: Hashable, Sendable {
    case loadStaff
    /// Checks a staff member's PIN (never logged: effects are logged by name only).
    case signIn(code: String, pin: String)
    /// The site lead gives a staff member a new random PIN.
    case resetPIN(code: String, by: UUID)
    /// The audit trail, newest first, before row `before` when paging on.
    case loadAuditTrail(before: Int64?, by: UUID)
    case loadSession
    case search(String)
    case loadQueue(VisitStage)
    case loadDoseHistory(personID: UUID)
    /// `override`: the site lead's reason for giving a dose the rules refuse.
    case checkIn(person: Person, override: String?, by: UUID)
    case findDuplicates(Person)
    case registerWalkIn(Person, by: UUID)
    case savePaperDose(BackfillDose, personID: UUID, by: UUID)
    case saveScreening(ScreeningDecision, ticket: Int, by: UUID)
    case inject(visitID: UUID, ticket: Int, vialID: UUID, arm: Arm, by: UUID)
    case loadVials
    case loadAlerts
    case loadDashboard(by: UUID)
    case closeSession(by: UUID)
    case openSession(SessionPlan, by: UUID)
    case loadSessions
    case loadReport(sessionID: UUID)
    case addStaff(Staff, by: UUID)
    case loadCertificate(visitID: UUID)
    case printCertificate(Certificate, by: UUID)
    case recordAdverseEvent(AdverseEvent, ticket: Int, by: UUID)
    case acknowledgeAlert(UUID, by: UUID)
    case openVial(lotID: UUID, by: UUID)
    case discardVial(vialID: UUID, reason: String, by: UUID)
    case discharge(visitID: UUID, ticket: Int, earlyReason: String?, by: UUID)
    /// The records waiting for the centre and how the last push went.
    case loadSyncStatus
    /// Imports a roster file in the background; progress and the end come back as actions.
    case importRoster(path: String, by: UUID)
    case quit
}
