import Foundation
import VaxCore

extension DeskClient {
    /// Performs one effect and says how it went. A rule's refusal becomes `.refused`, a wrong PIN
    /// `.signInRefused`, anything else `.storageFailed` (a write: nothing was recorded) or `.readFailed`. The import is not run
    /// here (it is a job: `DeskRunLoop` runs it on a thread of its own); nor is quitting.
    func result(of effect: AppEffect) -> AppResult? {
        do {
            return try run(effect)
        } catch let error as VisitError {
            return .refused(error)
        } catch let refusal as SignInRefusal {
            return .signInRefused(refusal)
        } catch {
            let detail = describeFailure(effect, error)
            return effect.isWrite ? .storageFailed(detail) : .readFailed(detail)
        }
    }

    private func run(_ effect: AppEffect) throws -> AppResult? {
        switch effect {
        case .loadStaff: return .staffLoaded(try staff())
        case .signIn(let code, let pin): return .signedIn(try signIn(code, pin))
        case .resetPIN(let code, let by): return .pinReset(code: code, pin: try resetPIN(code, by))
        case .loadAuditTrail(let before, let by):
            return .auditTrailLoaded(try auditTrail(before, by), appended: before != nil)
        case .addStaff(let member, let by): return .staffAdded(member, pin: try addStaff(member, by))
        case .loadSession:
            let (session, lots) = try openSession()
            return .sessionLoaded(session, lots: lots)
        case .openSession(let plan, let by):
            try startSession(plan, by)
            return .sessionOpened
        case .recordLeftWithoutDose(let reason, let by): return .leftWithoutDoseRecorded(try recordLeftWithoutDose(reason, by))
        case .closeSession(let by):
            try closeSession(by)
            return .sessionClosed
        case .loadSessions: return .sessionsLoaded(try sessions())
        case .loadReport(let sessionID): return .reportLoaded(try report(sessionID))
        case .loadDashboard(let by): return .dashboardLoaded(try dashboard(by))
        case .search(let text): return .searchResults(query: text, try search(text))
        case .loadDoseHistory(let personID): return .doseHistoryLoaded(personID: personID, try doseHistory(personID))
        case .checkIn(let person, let override, let by): return .checkedIn(ticket: try checkIn(person, override, by))
        case .findDuplicates(let person): return .duplicatesFound(person, try possibleDuplicates(person))
        case .registerWalkIn(let person, let by):
            try registerWalkIn(person, by)
            return .walkInRegistered(person)
        case .savePaperDose(let dose, let personID, let by):
            return .paperDoseSaved(personID: personID, added: try savePaperDose(dose, personID, by))
        case .loadQueue(let stage): return .queueLoaded(stage, try queue(stage))
        case .claim(let visitID, let stage, let by):
            try claim(visitID, stage, by)
            return .claimed(visitID: visitID)
        case .releaseClaim(let visitID):
            try releaseClaim(visitID)
            return .claimReleased
        case .saveScreening(let decision, let by):
            try saveScreening(decision, by)
            return .screeningSaved(decision.outcome)
        case .inject(let visitID, let vialID, let arm, let by):
            return .injectionSaved(observationDue: try inject(visitID, vialID, arm, by))
        case .loadVials: return .vialsLoaded(try vials())
        case .openVial(let lotID, let by): return .vialOpened(try openVial(lotID, by))
        case .discardVial(let vialID, let reason, let by):
            return .vialDiscarded(dosesWasted: try discardVial(vialID, reason, by))
        case .discharge(let visitID, let reason, let by):
            try discharge(visitID, reason, by)
            return .discharged
        case .loadCertificate(let visitID): return .certificateLoaded(try certificate(visitID))
        case .printCertificate(let certificate, let by):
            switch try printCertificate(certificate, by) {
            case .saved(let path, let printer): return .certificatePrinted(path: path, printer: printer)
            case .printFailed(let path, let printer): return .certificatePrintFailed(path: path, printer: printer)
            }
        case .loadAlerts: return .alertsLoaded(try alerts())
        case .recordAdverseEvent(let event, let by):
            try recordAdverseEvent(event, by)
            return .adverseEventRecorded(serious: event.severity == .serious)
        case .acknowledgeAlert(let id, let by):
            try acknowledgeAlert(id, by)
            return .alertsLoaded(try alerts())
        case .loadSyncStatus: return .syncStatusLoaded(try syncStatus())
        case .importRoster, .quit: return nil
        }
    }

    /// The roster import, from start to end, as the answers its job receives.
    func runImport(path: String, by staffID: UUID, answer: @escaping @Sendable (AppResult) -> Void) {
        do {
            let (summary, errorsFile) = try importRoster(path, staffID) { done, total in
                answer(.importProgress(done: done, total: total))
            }
            answer(.rosterImported(summary, errorsFile: errorsFile))
        } catch let refusal as ImportRefusal {
            answer(.importFailed(refusal.message))
        } catch let error as VisitError {
            answer(.refused(error))
        } catch {
            answer(.importFailed(describeFailure(.importRoster(path: path, by: staffID), error)))
        }
    }
}
