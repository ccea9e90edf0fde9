import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Records an injection: one dose drawn from an open vial of the session, and the person's
    /// observation started. The vial must be usable (not past its discard time, doses left, its lot in
    /// date), and its vaccine one the person's series allows. Drawing the last dose finishes the vial.
    /// Returns the injection's id and when the person may leave.
    public func recordInjection(
        visitID: UUID, vialID: UUID, arm: Arm, observation: ObservationPolicy, by staffID: UUID, at date: Date
    ) throws -> (injectionID: UUID, observationDue: Date) {
        try commitEvent(.injection, by: staffID, at: date) { db in
            try refuseOthersClaim(on: visitID, at: date, in: db)
            guard let vial = try Self.vial(vialID, in: db) else { throw VisitError.notFound(.vial) }
            switch vial.state(at: date) {
            case .closed: throw VisitError.vialNotUsable
            case .pastDiscardTime: throw VisitError.vialPastDiscardTime(discardDue: vial.discardDue)
            case .usable: break
            }
            let lotID = vial.lotID
            _ = try Self.sessionLot(lotID, at: date, in: db)
            guard let visit = try Row.fetchOne(
                db, sql: "SELECT dose_number, caution, allowed_products FROM visit WHERE id = ?",
                arguments: [visitID.uuidString])
            else { throw VisitError.notFound(.visit) }
            let product = vial.productCode
            if let allowed = try ProductList.read(visit["allowed_products"]), !allowed.contains(product) {
                throw VisitError.productNotAllowed(product: product)
            }
            let caution: Bool = visit["caution"]
            let due = observation.due(injectedAt: date, caution: caution)
            try Self.advance(
                visitID: visitID, from: .waitingInjection, to: .inObservation, at: date, observationDue: due, in: db)
            let id = UUID.timeOrdered()
            try db.execute(
                sql: """
                    INSERT INTO injection (id, visit_id, lot_id, vial_id, product_code, dose_number, arm,
                        vaccinator_id, injected_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id.uuidString, visitID.uuidString, lotID.uuidString, vialID.uuidString, product,
                    visit["dose_number"], arm.rawValue, staffID.uuidString, date,
                ])
            if vial.dosesLeft == 1 {
                var emptied = vial
                emptied.dosesDrawn += 1
                try Self.close(emptied, reason: "empty", at: date, in: db)
            }
            try db.execute(
                sql: """
                    INSERT INTO observation (id, visit_id, started_at, due_at, minutes) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [UUID.timeOrdered().uuidString, visitID.uuidString, date, due, observation.minutes(caution: caution)])
            return (RecordRef(.injection, id), (id, due))
        }
    }

    /// Discharges a person from observation. Before the due time a reason is required.
    /// Returns the observation's id, the record the discharge completes.
    @discardableResult
    public func discharge(
        visitID: UUID, earlyReason: String?, adverseEvent resolution: AdverseEventDischarge? = nil, by staffID: UUID, at date: Date
    ) throws -> UUID {
        try commitEvent(.discharge, by: staffID, at: date) { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT id, due_at FROM observation WHERE visit_id = ?", arguments: [visitID.uuidString])
            else { throw VisitError.notFound(.observation) }
            let due: Date = row["due_at"]
            let reason = earlyReason.flatMap { $0.isEmpty ? nil : $0 }
            // A serious event with no referral and no outcome yet: the person does not just leave.
            let unresolved = try Bool.fetchOne(db, sql: "SELECT " + Self.unresolvedSeriousSQL(ofVisit: "?"),
                                               arguments: [visitID.uuidString]) ?? false
            if unresolved, resolution == nil { throw VisitError.seriousEventUnresolved }
            // A millisecond of slack: the stored due time is rounded to milliseconds. A referral or an
            // outcome recorded is the decision that ends an observation early.
            if date.timeIntervalSince(due) < -0.001, reason == nil, resolution == nil {
                throw VisitError.observationNotOver(due: due)
            }
            if let resolution { try Self.resolveAdverseEvents(of: visitID, resolution, at: date, in: db) }
            try Self.advance(visitID: visitID, from: .inObservation, to: .discharged, at: date, in: db)
            let id = try row.uuid("id")
            try db.execute(
                sql: "UPDATE observation SET discharged_at = ?, discharged_by = ?, early_reason = ? WHERE id = ?",
                arguments: [date, staffID.uuidString, reason, id.uuidString])
            return (RecordRef(.observation, id), id)
        }
    }

    /// Records how the visit's adverse events ended (a referral where none was written, or an outcome
    /// where none was), each queued again for the centre.
    private static func resolveAdverseEvents(of visitID: UUID, _ resolution: AdverseEventDischarge, at date: Date,
                                             in db: Database) throws {
        let ids = try String.fetchAll(db, sql: "SELECT id FROM aefi WHERE visit_id = ?", arguments: [visitID.uuidString])
        switch resolution {
        case .referred(let place):
            try db.execute(sql: "UPDATE aefi SET referral = ? WHERE visit_id = ? AND COALESCE(referral, '') = ''",
                           arguments: [place, visitID.uuidString])
        case .outcome(let outcome):
            try db.execute(sql: "UPDATE aefi SET outcome = ?, outcome_at = ? WHERE visit_id = ? AND outcome IS NULL",
                           arguments: [outcome.rawValue, date, visitID.uuidString])
        }
        for id in ids {
            guard let uuid = UUID(uuidString: id) else { continue }
            try Outbox.append(RecordRef(.aefi, uuid), event: .aefi, at: date, in: db)
        }
    }

    /// The local day of a date at the site, `yyyy-mm-dd`.
    /// The day `date` falls on at the site, in the site's own time zone.
    static func siteDay(_ date: Date, in db: Database) throws -> LocalDate {
        let zone = try String.fetchOne(db, sql: "SELECT time_zone FROM site LIMIT 1").flatMap(TimeZone.init(identifier:))
        return LocalDate(date, in: zone ?? LocalDay.vietnam)
    }
}
