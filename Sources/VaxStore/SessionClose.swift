import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Closes the open session: refused while anyone is still waiting (recorded first as leaving without
    /// a dose, `recordLeftWithoutDose`), under observation, or a vial is still open (each must be
    /// resolved: discharged, or the vial discarded with its reason), and only by a site lead. Closed, it
    /// takes no more clinical records; its report goes to the outbox with the event.
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
            let waiting = try Self.waitingCount(sessionID: id, in: db)
            guard inObservation == 0 && openVials == 0 && waiting == 0 else {
                throw VisitError.sessionNotResolved(inObservation: inObservation, openVials: openVials, waiting: waiting)
            }
            try db.execute(
                sql: "UPDATE session SET status = 'closed', closed_at = ?, closed_by = ? WHERE id = ?",
                arguments: [date, staffID.uuidString, id])
            return (RecordRef(.session, session.id), ())
        }
    }
}

extension AppDatabase {
    /// The stages where people wait to be called: whoever is there when the session ends goes home
    /// without a dose.
    static let waitingStages: [VisitStage] = [.waitingScreening, .waitingInjection]

    static func waitingCount(sessionID: String, in db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM visit WHERE session_id = ? AND stage IN (?, ?)",
            arguments: StatementArguments([sessionID] + waitingStages.map(\.rawValue))) ?? 0
    }

    /// The people of the open session still waiting for screening or injection, longest waiting first.
    public func stillWaiting() throws -> [QueueEntry] {
        try Self.waitingStages.flatMap { try queue(at: $0) }.sorted { $0.since < $1.since }
    }

    /// Records everyone still waiting in the open session as having left without a dose, with the site
    /// lead's reason (the end of the day, the vaccine ran out), each audited; returns how many. Their
    /// check-in stays, so that the report counts them; they may come to another session.
    @discardableResult
    public func recordLeftWithoutDose(reason: String, by staffID: UUID, at date: Date) throws -> Int {
        let reason = reason.trimmed
        guard !reason.isEmpty else { throw VisitError.leftWithoutDoseReasonRequired }
        return try write { db in
            try Self.requirePermission(.closeSession, by: staffID, in: db)
            guard let session = try Self.openSession(db) else { throw VisitError.noOpenSession }
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, stage FROM visit WHERE session_id = ? AND stage IN (?, ?)",
                arguments: StatementArguments([session.id.uuidString] + Self.waitingStages.map(\.rawValue)))
            for row in rows {
                let visit = try row.uuid("id")
                let from: String = row["stage"]
                try db.execute(
                    sql: """
                        UPDATE visit SET stage = ?, stage_since = ?, left_from = ?, left_reason = ?,
                            claimed_by = NULL, claim_holder = NULL, claimed_at = NULL
                        WHERE id = ?
                        """,
                    arguments: [VisitStage.leftWithoutDose.rawValue, date, from, reason, visit.uuidString])
                try AuditLog.append(.leftWithoutDose, staffID: staffID, record: RecordRef(.visit, visit),
                                    detail: "\(from): \(reason)", at: date, in: db)
            }
            return rows.count
        }
    }
}
