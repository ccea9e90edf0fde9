import Foundation
import VaxCore

/// Work the interface asks for; the run loop performs it and answers the requester.
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
    /// The desk calls a person: other desks see them taken and cannot call them.
    case claim(visitID: UUID, stage: VisitStage, by: UUID)
    /// The desk lets go of the person it called (back to the queue without recording, signing out).
    case releaseClaim(visitID: UUID)
    case saveScreening(ScreeningDecision, by: UUID)
    case inject(visitID: UUID, vialID: UUID, arm: Arm, by: UUID)
    case loadVials
    case loadAlerts
    case loadDashboard(by: UUID)
    /// Everyone still waiting goes home without a dose, for the site lead's reason (before the close).
    case recordLeftWithoutDose(reason: String, by: UUID)
    case closeSession(by: UUID)
    case openSession(SessionPlan, by: UUID)
    case loadSessions
    case loadReport(sessionID: UUID)
    case addStaff(Staff, by: UUID)
    case loadCertificate(visitID: UUID)
    case printCertificate(Certificate, by: UUID)
    case recordAdverseEvent(AdverseEvent, by: UUID)
    case acknowledgeAlert(UUID, by: UUID)
    case openVial(lotID: UUID, by: UUID)
    case discardVial(vialID: UUID, reason: String, by: UUID)
    case discharge(visitID: UUID, earlyReason: String?, by: UUID)
    /// The records waiting for the centre and how the last push went.
    case loadSyncStatus
    /// Imports a roster file in the background; progress and the end come back to the job.
    case importRoster(path: String, by: UUID)
    case quit
}

extension AppEffect {
    /// Effects that record something: the desk shows "saving…" and takes no keys until they answer.
    /// Every effect says, so that a new one cannot be forgotten.
    public var isWrite: Bool {
        switch self {
        case .checkIn, .registerWalkIn, .savePaperDose, .saveScreening, .inject, .openVial, .discardVial, .discharge,
             .recordAdverseEvent, .acknowledgeAlert, .recordLeftWithoutDose, .closeSession, .openSession, .addStaff, .signIn, .resetPIN,
             .printCertificate:
            true
        case .loadStaff, .loadAuditTrail, .loadSession, .search, .loadQueue, .loadDoseHistory, .findDuplicates,
             .loadVials, .loadAlerts, .loadDashboard, .loadSessions, .loadReport, .loadCertificate, .loadSyncStatus,
             .importRoster, .quit:
            false
        case .claim, .releaseClaim:
            // A claim is written, but the desk need not wait for it: the doctor starts at once, and a
            // claim refused (another desk was first) takes the screen back to the queue.
            false
        }
    }

    /// The job an effect starts, when it is long work that must outlive the screen that asked.
    var job: Job? {
        if case .importRoster = self { .rosterImport } else { nil }
    }

    /// The effect's name for logs: no personal data.
    public var name: String { String(describing: self).prefix(while: { $0 != "(" }).description }
}
