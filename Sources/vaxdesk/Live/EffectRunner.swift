import ArgumentParser
import Foundation
import Logging
import VaxCore
import VaxDeskUI
import VaxStore

/// Performs the interface's effects against the site store and answers with actions. A refusal by a
/// rule becomes `.refused`; a storage failure becomes `.storageFailed`, and nothing was recorded.
struct EffectRunner {
    let database: AppDatabase
    let resources: LoadedResources
    let observation: ObservationPolicy
    let clock: @Sendable () -> Date
    /// Hands an action to the run loop from another thread (a background import's progress and end).
    let post: @Sendable (AppAction) -> Void
    var catalog: VaccineCatalog { resources.catalog }
    let logger = Logger(label: "vaxdesk.effects")

    func perform(_ effect: AppEffect) -> AppAction? {
        do {
            return try run(effect)
        } catch let error as VisitError {
            logger.info("refused", metadata: ["effect": "\(effect.name)", "reason": "\(error.messageKey)"])
            return .refused(error)
        } catch let refusal as SignInRefusal {
            logger.info("sign-in refused", metadata: ["reason": "\(refusal.messageKey)"])
            return .signInRefused(refusal)
        } catch {
            logger.error("storage failure", metadata: ["effect": "\(effect.name)", "error": "\(error)"])
            return .storageFailed(StorageFailure.describe(error))
        }
    }

    private func run(_ effect: AppEffect) throws -> AppAction? {
        switch effect {
        case .loadStaff:
            return .staffLoaded(try database.staff())
        case .signIn(let code, let pin):
            let member = try database.signIn(code: code, pin: pin, at: clock())
            logger.info("signed in", metadata: ["staff": "\(member.code)"])
            return .signedIn(member)
        case .resetPIN(let code, let staffID):
            let pin = AppDatabase.newPIN()
            try database.setPIN(pin, forCode: code, by: staffID, at: clock())
            return .pinReset(code: code, pin: pin)
        case .loadAuditTrail(let before, let staffID):
            return .auditTrailLoaded(try database.auditTrail(before: before, limit: 200, by: staffID), appended: before != nil)
        case .loadSession:
            let session = try database.openSession()
            return .sessionLoaded(session, lots: try session.map { try database.lots(sessionID: $0.id) } ?? [])
        case .search(let text):
            return .searchResults(query: text, try database.searchRoster(RosterQuery(text), limit: 50))
        case .loadQueue(let stage):
            return .queueLoaded(stage, try database.queue(at: stage))
        case .loadDoseHistory(let personID):
            return .doseHistoryLoaded(personID: personID, try database.doseHistory(personID: personID))
        case .checkIn(let person, let override, let staffID):
            let ticket = try database.checkIn(personID: person.id, catalog: catalog, override: override, by: staffID, at: clock())
            logger.info("checked in", metadata: ["visit": "\(ticket.visitID)", "override": "\(override != nil)"])
            return .checkedIn(ticket: ticket.number, person: person)
        case .findDuplicates(let person):
            return .duplicatesFound(person, try database.possibleDuplicates(of: person))
        case .registerWalkIn(let person, let staffID):
            try database.registerWalkIn(person, by: staffID, at: clock())
            logger.info("walk-in registered", metadata: ["person": "\(person.id)"])
            return .walkInRegistered(person)
        case .savePaperDose(let entry, let personID, let staffID):
            let added = try database.backfillDose(
                entry, personID: personID, source: "paper record at the check-in desk", by: staffID, at: clock())
            logger.info("paper dose", metadata: ["person": "\(personID)", "added": "\(added)"])
            return .paperDoseSaved(personID: personID, added: added)
        case .saveScreening(let decision, let ticket, let staffID):
            let id = try database.recordScreening(decision, by: staffID, at: clock())
            logger.info("screened", metadata: ["screening": "\(id)", "outcome": "\(decision.outcome.rawValue)"])
            return .screeningSaved(ticket: ticket, outcome: decision.outcome)
        case .inject(let visitID, let ticket, let vialID, let arm, let staffID):
            let result = try database.recordInjection(
                visitID: visitID, vialID: vialID, arm: arm, observation: observation, by: staffID, at: clock())
            logger.info("injected", metadata: ["injection": "\(result.injectionID)"])
            return .injectionSaved(ticket: ticket, observationDue: result.observationDue)
        case .discharge(let visitID, let ticket, let reason, let staffID):
            try database.discharge(visitID: visitID, earlyReason: reason, by: staffID, at: clock())
            logger.info("discharged", metadata: ["visit": "\(visitID)"])
            return .discharged(ticket: ticket)
        case .loadAlerts:
            return .alertsLoaded(try database.unacknowledgedSeriousEvents())
        case .recordAdverseEvent(let event, let ticket, let staffID):
            try database.recordAdverseEvent(event, by: staffID, at: clock())
            logger.info("adverse event", metadata: ["aefi": "\(event.id)", "severity": "\(event.severity.rawValue)"])
            return .adverseEventRecorded(ticket: ticket, serious: event.severity == .serious)
        case .acknowledgeAlert(let id, let staffID):
            try database.acknowledgeAdverseEvent(id, by: staffID, at: clock())
            return .alertsLoaded(try database.unacknowledgedSeriousEvents())
        case .loadDashboard(let staffID):
            return .dashboardLoaded(try database.dashboard(by: staffID))
        case .closeSession(let staffID):
            try database.closeSession(by: staffID, at: clock())
            logger.info("session closed")
            return .sessionClosed
        case .openSession(let plan, let staffID):
            let staff = try database.staff()
            let team = try plan.teamCodes.map { code in
                guard let member = staff.first(where: { $0.code == code }) else { throw VisitError.unknownStaffCode(code) }
                return member.id
            }
            let session = try database.openSession(
                day: plan.day, place: plan.place, team: team, lots: plan.lots, planned: plan.planned, by: staffID, at: clock())
            logger.info("session opened", metadata: ["session": "\(session.id)"])
            return .sessionOpened
        case .loadSessions:
            return .sessionsLoaded(try database.sessions())
        case .loadReport(let sessionID):
            return .reportLoaded(try database.sessionReport(sessionID: sessionID))
        case .addStaff(let member, let staffID):
            let result = try database.importStaff([member], by: staffID, at: clock())
            return .staffAdded(member, pin: result.newPINs[member.code])
        case .loadCertificate(let visitID):
            return .certificateLoaded(try database.certificate(visitID: visitID, at: clock()))
        case .printCertificate(let certificate, let staffID):
            try database.recordCertificatePrinted(certificate.reference, by: staffID, at: clock())
            return try CertificatePrinter(database: database, resources: resources).print(certificate, at: clock())
        case .loadVials:
            return .vialsLoaded(try database.sessionVials())
        case .openVial(let lotID, let staffID):
            let vial = try database.openVial(lotID: lotID, catalog: catalog, by: staffID, at: clock())
            logger.info("vial opened", metadata: ["vial": "\(vial.id)"])
            return .vialOpened(vial)
        case .discardVial(let vialID, let reason, let staffID):
            let wasted = try database.discardVial(vialID, reason: reason, by: staffID, at: clock())
            logger.info("vial discarded", metadata: ["vial": "\(vialID)", "wasted": "\(wasted)"])
            return .vialDiscarded(dosesWasted: wasted)
        case .importRoster(let path, let staffID):
            importInBackground(path, by: staffID)
            return nil
        case .loadSyncStatus:
            return .syncStatusLoaded(try database.syncStatus())
        case .quit:
            return nil
        }
    }
}

extension EffectRunner {
    /// A roster import on a thread of its own (it reads and writes for seconds to minutes), telling the
    /// desk how far it has got every 10,000 rows; the desk stays live meanwhile.
    private func importInBackground(_ path: String, by staffID: UUID) {
        let (database, resources, post, clock, logger) = (database, resources, post, clock, logger)
        let thread = Thread {
            let messages = CommandMessages(language: resources.language)
            do {
                let outcome = try RosterImportRun.run(
                    path: path, messages: messages, resources: resources, open: { (database, staffID) }, at: clock()
                ) { done, total in
                    post(.importProgress(done: done, total: total))
                }
                var errorsFile: String?
                if outcome.report.rowCount > 0 {
                    errorsFile = RosterErrorReport.path(besides: path)
                    try outcome.report.write(to: errorsFile!)
                }
                logger.info("roster imported", metadata: [
                    "imported": "\(outcome.summary.imported)", "rejected": "\(outcome.summary.rejected)",
                ])
                post(.rosterImported(outcome.summary, errorsFile: errorsFile))
            } catch let error as ValidationError {
                post(.importFailed(error.message))
            } catch let error as VisitError {
                post(.importFailed(messages.strings.message(for: error)))
            } catch {
                logger.error("roster import failed", metadata: ["error": "\(error)"])
                post(.importFailed(StorageFailure.describe(error)))
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

extension AppEffect {
    /// The effect's name for logs: no personal data.
    var name: String { String(describing: self).prefix(while: { $0 != "(" }).description }
}
