import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// What check-in gives back: the visit, its queue ticket and the dose it is for.
    public struct Ticket: Hashable, Sendable {
        public let visitID: UUID
        public let number: Int
        public let dose: DosePlan
    }

    /// Checks a person in to the open session: a visit with the next ticket number, waiting for screening.
    /// The ticket is taken inside the write transaction, so two desks never hand out the same number.
    ///
    /// The dose is decided here from the person's history and the catalog, whatever the desk showed: a
    /// dose refused by the intervals or mixing rules is checked in only with `override`, a reason given
    /// by a site lead (`staffID`), which is audited.
    public func checkIn(
        personID: UUID, catalog: VaccineCatalog, override: String? = nil, by staffID: UUID, at date: Date
    ) throws -> Ticket {
        try commitEvent(.checkIn, by: staffID, at: date) { db in
            guard let session = try Self.openSession(db) else { throw VisitError.noOpenSession }
            if let ticket = try Int.fetchOne(
                db, sql: "SELECT ticket FROM visit WHERE session_id = ? AND person_id = ?",
                arguments: [session.id.uuidString, personID.uuidString])
            {
                throw VisitError.alreadyCheckedIn(ticket: ticket)
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE id = ?", arguments: [personID.uuidString])
                != nil
            else { throw VisitError.notFound(.person) }
            let eligibility = DoseEligibility(after: try Self.doseHistory(personID: personID, in: db), catalog: catalog)
            let day = try Self.siteDay(date, in: db).stored
            let sessionProducts = Set(try String.fetchAll(
                db, sql: "SELECT product_code FROM vaccine_lot WHERE session_id = ? AND expiry >= ?",
                arguments: [session.id.uuidString, day]))
            var allowed: String? = eligibility.lastProduct == nil ? nil : try ProductList.stored(eligibility.allowedProducts)
            let reason = override?.trimmed ?? ""
            let overridden = eligibility.refusal(on: day, sessionProducts: sessionProducts)
            if let refusal = overridden {
                guard !reason.isEmpty else { throw VisitError.doseRefused(refusal) }
                try Self.requirePermission(.overrideDose, by: staffID, in: db)
                // The site lead takes responsibility for the product too: any lot of the session may serve.
                if case .noAllowedProduct = refusal { allowed = nil }
            }
            let number = try Int.fetchOne(
                db, sql: "SELECT COALESCE(MAX(ticket), 0) + 1 FROM visit WHERE session_id = ?",
                arguments: [session.id.uuidString]) ?? 1
            let visitID = UUID.timeOrdered()
            let plan = eligibility.plan
            try db.execute(
                sql: """
                    INSERT INTO visit (id, session_id, person_id, ticket, stage, stage_since, dose_number, series,
                        checked_in_at, checked_in_by, allowed_products, override_reason, override_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    visitID.uuidString, session.id.uuidString, personID.uuidString, number,
                    VisitStage.waitingScreening.rawValue, date, plan.doseNumber, plan.series.rawValue, date,
                    staffID.uuidString, allowed, overridden == nil ? nil : reason,
                    overridden == nil ? nil : staffID.uuidString,
                ])
            let record = RecordRef(.visit, visitID)
            if overridden != nil {
                try AuditLog.append(.doseOverride, staffID: staffID, record: record, detail: reason, at: date, in: db)
            }
            return (record, Ticket(visitID: visitID, number: number, dose: plan))
        }
    }
}
