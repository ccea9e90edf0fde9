import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// What check-in gives back: the visit and its queue ticket.
    public struct Ticket: Hashable, Sendable {
        public let visitID: UUID
        public let number: Int
    }

    /// Checks a person in to the open session: a visit with the next ticket number, waiting for screening.
    /// The ticket is taken inside the write transaction, so two desks never hand out the same number.
    public func checkIn(personID: UUID, dose: DosePlan, by staffID: UUID, at date: Date) throws -> Ticket {
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
            else { throw VisitError.notFound }
            let number = try Int.fetchOne(
                db, sql: "SELECT COALESCE(MAX(ticket), 0) + 1 FROM visit WHERE session_id = ?",
                arguments: [session.id.uuidString]) ?? 1
            let visitID = UUID()
            try db.execute(
                sql: """
                    INSERT INTO visit (id, session_id, person_id, ticket, stage, stage_since, dose_number, series,
                        checked_in_at, checked_in_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    visitID.uuidString, session.id.uuidString, personID.uuidString, number,
                    VisitStage.waitingScreening.rawValue, date, dose.doseNumber, dose.series.rawValue, date,
                    staffID.uuidString,
                ])
            return (RecordRef(type: "visit", id: visitID), Ticket(visitID: visitID, number: number))
        }
    }
}
