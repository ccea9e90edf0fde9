import ArgumentParser
import Foundation
import Logging
import VaxCore
import VaxDeskUI
import VaxStore
import VaxSync

extension DeskClient {
    /// The desk on the site store: every call a method of `AppDatabase`, with the site's clock and the
    /// watcher of other processes' commits. What happened is logged by name, never with personal data.
    static func live(
        database: AppDatabase, resources: LoadedResources, timeZone: TimeZone, watcher: ChangeWatcher,
        centre: HTTPTransport?, clock: @escaping @Sendable () -> Date
    ) -> DeskClient {
        let logger = Logger(label: "vaxdesk.desk")
        let catalog = resources.catalog
        let observation = ObservationPolicy(catalog: catalog)
        var client = DeskClient.unimplemented(now: clock())
        client.now = clock
        client.databaseChanged = { (try? watcher.hasChanged()) == true }
        client.signIn.staff = { try database.staff() }
        client.signIn.signIn = { code, pin in
            let member = try database.signIn(code: code, pin: pin, at: clock())
            logger.info("signed in", metadata: ["staff": "\(member.code)"])
            return member
        }
        client.dashboard.resetPIN = { code, by in
            let pin = AppDatabase.newPIN()
            try database.setPIN(pin, forCode: code, by: by, at: clock())
            return pin
        }
        client.changePIN.change = { code, current, new in
            try database.changeOwnPIN(code: code, current: current, new: new, at: clock())
            logger.info("PIN changed", metadata: ["staff": "\(code)"])
        }
        client.dashboard.auditTrail = { before, by in try database.auditTrail(before: before, limit: 200, by: by) }
        client.dashboard.addStaff = { member, by in try database.importStaff([member], by: by, at: clock()).newPINs[member.code] }
        client.openSession = {
            let session = try database.openSession()
            return (session, try session.map { try database.lots(sessionID: $0.id) } ?? [])
        }
        client.dashboard.startSession = { plan, by in
            let staff = try database.staff()
            let team = try plan.teamCodes.map { code in
                guard let member = staff.first(where: { $0.code == code }) else { throw VisitError.unknownStaffCode(code) }
                return member.id
            }
            let session = try database.openSession(
                day: plan.day, place: plan.place, team: team, lots: plan.lots, planned: plan.planned, by: by, at: clock())
            logger.info("session opened", metadata: ["session": "\(session.id)"])
        }
        client.dashboard.recordLeftWithoutDose = { reason, by in
            try database.recordLeftWithoutDose(reason: reason, by: by, at: clock())
        }
        client.dashboard.closeSession = { by in
            try database.closeSession(by: by, at: clock())
            logger.info("session closed")
        }
        client.dashboard.sessions = { try database.sessions() }
        let signing = CertificateSigning(database: database, catalog: resources.catalog)
        client.dashboard.voidRecord = { record, reason, by in
            if let person = try database.voidRecord(record, reason: reason, by: by, at: clock()) {
                _ = signing.reissue(personID: person, by: by, at: clock())
            }
            logger.info("record voided", metadata: ["record": "\(record.id)"])
        }
        client.dashboard.report = { id in try database.sessionReport(sessionID: id) }
        client.dashboard.dashboard = { by in try database.dashboard(by: by) }
        client.checkIn.search = { text in try database.searchRoster(RosterQuery(text), limit: RosterQuery.deskLimit) }
        client.checkIn.countMatches = { text in try database.countRosterMatches(RosterQuery(text)) }
        client.checkIn.doseHistory = { id in try database.doseHistory(personID: id) }
        client.checkIn.checkIn = { person, override, by in
            let ticket = try database.checkIn(personID: person.id, catalog: catalog, override: override, by: by, at: clock())
            logger.info("checked in", metadata: ["visit": "\(ticket.visitID)", "override": "\(override != nil)"])
            return ticket.number
        }
        client.checkIn.possibleDuplicates = { person in try database.possibleDuplicates(of: person) }
        client.checkIn.registerWalkIn = { person, by in
            try database.registerWalkIn(person, by: by, at: clock())
            logger.info("walk-in registered", metadata: ["person": "\(person.id)"])
        }
        client.checkIn.savePaperDose = { dose, personID, by in
            let added = try database.backfillDose(
                dose, personID: personID, source: "paper record at the check-in desk", by: by, at: clock())
            logger.info("paper dose", metadata: ["person": "\(personID)", "added": "\(added)"])
            return added
        }
        client.checkIn.correctPerson = { personID, correction, by in
            let person = try database.correctPerson(
                personID, correction, provinces: resources.provinces, catalog: catalog, by: by, at: clock())
            _ = signing.reissue(personID: personID, by: by, at: clock())
            logger.info("person corrected", metadata: ["person": "\(personID)", "fields": "\(correction.changes.count)"])
            return person
        }
        client.checkIn.corrections = { personID in try database.corrections(personID: personID) }
        let reader = CertificateReader(database: database, catalog: catalog)
        client.checkIn.readCertificate = { text in reader.read(text, at: clock()) }
        if let asking = centre?.waiting(atMost: 8) {
            client.checkIn.askCentre = { identifier in
                let answer = asking.askCentre(identifier: identifier)
                if case .couldNotAsk(let failure) = answer { logger.warning("centre look-up failed", metadata: ["why": "\(failure)"]) }
                return answer
            }
        }
        client.checkIn.acceptFromCentre = { found, by in
            let person = try database.acceptFromCentre(found, by: by, at: clock())
            logger.info("person taken from the centre", metadata: ["person": "\(person.id)", "doses": "\(found.doses.count)"])
            return person
        }
        client.queue.entries = { stage in try database.queue(at: stage) }
        client.queue.claim = { visitID, stage, by in try database.claimVisit(visitID, at: stage, by: by, at: clock()) }
        client.queue.releaseClaim = { visitID in try database.releaseClaim(visitID) }
        client.screening.save = { decision, by in
            let id = try database.recordScreening(decision, checklist: resources.checklist, by: by, at: clock())
            logger.info("screened", metadata: ["screening": "\(id)", "outcome": "\(decision.outcome.rawValue)"])
        }
        client.injection.inject = { visitID, vialID, arm, by in
            let result = try database.recordInjection(
                visitID: visitID, vialID: vialID, arm: arm, observation: observation, by: by, at: clock())
            logger.info("injected", metadata: ["injection": "\(result.injectionID)"])
            return result.observationDue
        }
        client.injection.vials = { try database.sessionVials() }
        client.injection.openVial = { lotID, by in
            let vial = try database.openVial(lotID: lotID, catalog: catalog, by: by, at: clock())
            logger.info("vial opened", metadata: ["vial": "\(vial.id)"])
            return vial
        }
        client.injection.discardVial = { vialID, reason, by in
            let wasted = try database.discardVial(vialID, reason: reason, by: by, at: clock())
            logger.info("vial discarded", metadata: ["vial": "\(vialID)", "wasted": "\(wasted)"])
            return wasted
        }
        client.observation.discharge = { visitID, reason, resolution, by in
            try database.discharge(visitID: visitID, earlyReason: reason, adverseEvent: resolution, by: by, at: clock())
            logger.info("discharged", metadata: ["visit": "\(visitID)"])
        }
        client.observation.certificate = { visitID, by in
            signing.signedIfPossible(try database.certificate(visitID: visitID, at: clock()), by: by, at: clock())
        }
        client.observation.printCertificate = { certificate, by in
            try database.recordCertificatePrinted(certificate.reference, by: by, at: clock())
            return try CertificatePrinter(database: database, resources: resources, timeZone: timeZone).print(certificate, at: clock())
        }
        client.alerts = { try database.unacknowledgedSeriousEvents() }
        client.observation.recordAdverseEvent = { event, by in
            try database.recordAdverseEvent(event, by: by, at: clock())
            logger.info("adverse event", metadata: ["aefi": "\(event.id)", "severity": "\(event.severity.rawValue)"])
        }
        client.acknowledgeAlert = { id, by in try database.acknowledgeAdverseEvent(id, by: by, at: clock()) }
        client.syncStatus = { try database.syncStatus() }
        client.rosterImport.run = { path, by, progress in
            try importRoster(path, by: by, database: database, resources: resources, clock: clock, logger: logger, progress: progress)
        }
        client.describeFailure = { effect, error in
            logger.error("storage failure", metadata: ["effect": "\(effect)", "error": "\(error)"])
            if let problem = error as? SiteKeyProblem { return resources.strings.text("siteKey.\(problem.name)", ["file": problem.file]) }
            return resources.strings["storage.\(StorageProblem(error).rawValue)"]
        }
        return client
    }

    /// A roster import from the site lead's desk: refused rows written beside the file.
    private static func importRoster(
        _ path: String, by staffID: UUID, database: AppDatabase, resources: LoadedResources,
        clock: @Sendable () -> Date, logger: Logger, progress: @escaping @Sendable (Int, Int) -> Void
    ) throws -> (RosterImportSummary, errorsFile: String?) {
        let messages = CommandMessages(language: resources.language)
        do {
            let outcome = try RosterImportRun.run(
                path: path, messages: messages, resources: resources, open: { (database, staffID) }, at: clock(),
                progress: progress)
            var errorsFile: String?
            if outcome.report.rowCount > 0 {
                errorsFile = RosterErrorReport.path(besides: path)
                try outcome.report.write(to: errorsFile!)
            }
            logger.info("roster imported", metadata: [
                "imported": "\(outcome.summary.imported)", "rejected": "\(outcome.summary.rejected)",
            ])
            return (outcome.summary, errorsFile)
        } catch let error as CommandRefusal {
            throw RosterImportClient.ImportRefusal(error.message)
        }
    }
}
