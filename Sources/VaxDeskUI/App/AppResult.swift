import Foundation
import VaxCore

/// What an effect found or did, or why it could not.
public enum AppResult: Sendable {
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
    case checkedIn(ticket: Int)
    /// People on the roster who may be the walk-in about to be registered (empty: nobody).
    case duplicatesFound(Person, [RosterMatch])
    case walkInRegistered(Person)
    /// A paper-record dose was saved (`added` false: it was on record already).
    case paperDoseSaved(personID: UUID, added: Bool)
    /// The person called is this desk's until the step is recorded or the desk lets go.
    case claimed(visitID: UUID)
    case claimReleased
    case screeningSaved(ScreeningOutcome)
    case injectionSaved(observationDue: Date)
    case discharged
    case syncStatusLoaded(SyncStatus)
    /// The vials of the open session, open ones first.
    case vialsLoaded([Vial])
    case alertsLoaded([AdverseEvent])
    /// The site lead's dashboard of the open session (nil: none is open).
    case dashboardLoaded(Dashboard?)
    /// How many people still waiting were recorded as going home without a dose.
    case leftWithoutDoseRecorded(Int)
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
    case adverseEventRecorded(serious: Bool)
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
    /// The store could not save (disk full, locked too long): nothing was recorded.
    case storageFailed(String)
    /// The store could not read: what the screen shows may be incomplete, and an empty answer is not
    /// "nobody" (a nurse must not register a duplicate because a search failed).
    case readFailed(String)
}
