import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Closes the open session: refused while anyone is still under observation or a vial is still open
    /// (each must be resolved: discharged, or the vial discarded with its reason), and only by a site
    /// lead. Closed, it takes no more clinical records; its report goes to the outbox with the event.
    public func closeSession(by staffID: UUID, at date: Date) throws {
        try commitEvent(.sessionClosed, by: staffID, at: date) { db in
            guard let session = try Self.openSession(db) else { throw VisitError.noOpenSession }
            let id = session.id.uuidString
            let inObservation = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM visit WHERE session_id = ? AND stage = ?",
                arguments: [id, VisitStage.inObservation.rawValue]) ?? 0
            let openVials = try Int.fetchOne(
                db, sql: """
                    SELECT COUNT(*) FROM vial x JOIN vaccine_lot l ON l.id = x.lot_id
                    WHERE l.session_id = ? AND x.discarded_at IS NULL
                    """,
                arguments: [id]) ?? 0
            guard inObservation == 0 && openVials == 0 else {
                throw VisitError.sessionNotResolved(inObservation: inObservation, openVials: openVials)
            }
            try db.execute(
                sql: "UPDATE session SET status = 'closed', closed_at = ?, closed_by = ? WHERE id = ?",
                arguments: [date, staffID.uuidString, id])
            return (RecordRef(.session, session.id), ())
        }
    }
}
