import Foundation
import VaxCore
import VaxDemo
import VaxStore

/// One person's way through the session, made with the same store operations as the desks, with
/// screening answers, lots and arms drawn from a seeded generator and a clock that moves a few minutes
/// per step (so that discharge comes after the observation time).
struct Simulation {
    let database: AppDatabase
    let checklist: Checklist
    let catalog: VaccineCatalog
    let staffByRole: [Role: Staff]
    let lots: [VaccineLot]
    private var rng: SeededGenerator
    /// The vial this worker draws from, per lot, as a vaccinator keeps one open at a time.
    private var openVials: [UUID: Vial] = [:]

    init(database: AppDatabase, checklist: Checklist, catalog: VaccineCatalog, seed: UInt64) throws {
        self.database = database
        self.checklist = checklist
        self.catalog = catalog
        var byRole: [Role: Staff] = [:]
        for member in try database.staff() where byRole[member.role] == nil { byRole[member.role] = member }
        staffByRole = byRole
        guard let session = try database.openSession() else { throw VisitError.noOpenSession }
        lots = try database.lots(sessionID: session.id)
        rng = SeededGenerator(seed: seed)
    }

    /// Runs the stations for one person; `confirmed` is called after each commit with the record and event,
    /// `notDue` with the person when check-in refuses the dose (too early, or no allowed product).
    mutating func run(_ person: Person, confirmed: (UUID, String) -> Void, notDue: (UUID) -> Void) throws {
        guard let nurse = staffByRole[.checkInNurse], let doctor = staffByRole[.screeningDoctor],
              let vaccinator = staffByRole[.vaccinator], let observer = staffByRole[.observationNurse],
              !lots.isEmpty
        else { throw VisitError.notFound(.session) }
        var clock = Date()
        let eligibility = DoseEligibility(after: try database.doseHistory(personID: person.id), catalog: catalog)
        let ticket: AppDatabase.Ticket
        do {
            ticket = try database.checkIn(personID: person.id, catalog: catalog, by: nurse.id, at: clock)
        } catch VisitError.alreadyCheckedIn {
            return
        } catch VisitError.doseRefused {
            // Not due yet: the nurse gives the person a date to come back.
            notDue(person.id)
            return
        }
        confirmed(ticket.visitID, "check-in")

        clock += 180
        let answers = drawAnswers()
        let outcome = checklist.assess(yes: answers, product: nil).outcome
        // Now and then a person told the dose is safe declines it.
        let declines = outcome.proceedsToInjection && Int.random(in: 0..<100, using: &rng) < 3
        var decision = ScreeningDecision(
            visitID: ticket.visitID, checklistVersion: checklist.version, answers: checklist.answers(yes: answers, for: person.sex),
            computedOutcome: outcome, outcome: outcome, consent: outcome.proceedsToInjection && !declines,
            vitals: .withinThresholds)
        decision.refused = declines
        let screeningID = try database.recordScreening(decision, checklist: checklist, by: doctor.id, at: clock)
        confirmed(screeningID, "screening")
        guard outcome.proceedsToInjection, !declines else { return }

        clock += 120
        let lot = lots.filter { eligibility.lastProduct == nil || eligibility.allowedProducts.contains($0.productCode) }
            .randomElement(using: &rng)!
        var vial = try usableVial(of: lot, by: vaccinator, at: clock, confirmed: confirmed)
        let injection = try database.recordInjection(
            visitID: ticket.visitID, vialID: vial.id, arm: Bool.random(using: &rng) ? .left : .right,
            observation: ObservationPolicy(catalog: catalog), by: vaccinator.id, at: clock)
        confirmed(injection.injectionID, "injection")
        vial.dosesDrawn += 1
        openVials[lot.id] = vial.dosesLeft > 0 ? vial : nil
        // A few have a common reaction during observation (fever, a sore arm), written as it is seen
        // (the simulated clock runs only minutes ahead: the centre takes no record from the future).
        if Int.random(in: 0..<100, using: &rng) < 4 {
            let event = AdverseEvent(visitID: ticket.visitID, onset: clock, signs: "sốt nhẹ, đau chỗ tiêm", severity: .common)
            try database.recordAdverseEvent(event, by: observer.id, at: clock)
            confirmed(event.id, ClinicalEvent.aefi.rawValue)
        }

        let observationID = try database.discharge(
            visitID: ticket.visitID, earlyReason: nil, by: observer.id, at: injection.observationDue + 60)
        confirmed(observationID, "discharge")
    }

    /// The vial of `lot` this worker has open, or a new one (an empty vial finishes by itself; one past
    /// its discard time is discarded first, its doses wasted).
    private mutating func usableVial(
        of lot: VaccineLot, by vaccinator: Staff, at date: Date, confirmed: (UUID, String) -> Void
    ) throws -> Vial {
        if let vial = openVials[lot.id] {
            if vial.state(at: date) == .usable { return vial }
            try database.discardVial(vial.id, reason: "past discard time", by: vaccinator.id, at: date)
            confirmed(vial.id, "vial-discarded")
        }
        let vial = try database.openVial(lotID: lot.id, catalog: catalog, by: vaccinator.id, at: date)
        confirmed(vial.id, "vial-opened")
        openVials[lot.id] = vial
        return vial
    }

    /// Discards the vials this worker still has open, as a vaccinator does at the end of the session.
    mutating func discardOpenVials(confirmed: (UUID, String) -> Void) throws {
        guard let vaccinator = staffByRole[.vaccinator] else { return }
        for vial in openVials.values {
            try database.discardVial(vial.id, reason: "session end", by: vaccinator.id, at: Date())
            confirmed(vial.id, "vial-discarded")
        }
        openVials = [:]
    }

    /// Mostly "Không" everywhere; now and then a caution item, an acute illness, or an anaphylaxis history.
    private mutating func drawAnswers() -> Set<String> {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<80: return []
        case 80..<90: return [["7", "8", "6", "9"].randomElement(using: &rng)!]
        case 90..<95: return ["3"]
        case 95..<98: return ["5"]
        default: return ["1"]
        }
    }
}
