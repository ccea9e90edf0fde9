import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// What of an injection a site lead may correct once its session is closed.
    public enum InjectionCorrection: Hashable, Sendable {
        case arm(Arm)
        /// Another lot of the same session (the dose was drawn from it in fact).
        case lot(String)
    }

    /// Corrects an injection of a closed session: the record changes, and an amendment row keeps what it
    /// was, what it became, why and by whom; audited and queued for the central service like any event.
    /// Only a site lead amends, and always with a reason. Returns the amendment's id.
    @discardableResult
    public func amendInjection(
        _ injectionID: UUID, _ correction: InjectionCorrection, reason: String, by staffID: UUID, at date: Date
    ) throws -> UUID {
        let reason = reason.trimmed
        guard !reason.isEmpty else { throw VisitError.amendmentReasonRequired }
        return try commitEvent(.amendment, by: staffID, at: date) { db in
            guard let injection = try Row.fetchOne(
                db, sql: """
                    SELECT i.arm, l.lot_number, v.session_id, i.voided FROM injection i JOIN vaccine_lot l ON l.id = i.lot_id
                    JOIN visit v ON v.id = i.visit_id WHERE i.id = ?
                    """,
                arguments: [injectionID.uuidString])
            else { throw VisitError.notFound(.injection) }
            guard (injection["voided"] as String?) == nil else { throw VisitError.alreadyVoided }
            let sessionID: String = injection["session_id"]
            let (field, old, new): (String, String?, String)
            switch correction {
            case .arm(let arm):
                (field, old, new) = ("arm", injection["arm"], arm.rawValue)
                try db.execute(sql: "UPDATE injection SET arm = ? WHERE id = ?", arguments: [arm.rawValue, injectionID.uuidString])
            case .lot(let lotNumber):
                guard let lot = try Row.fetchOne(
                    db, sql: "SELECT id, product_code FROM vaccine_lot WHERE session_id = ? AND lot_number = ?",
                    arguments: [sessionID, lotNumber])
                else { throw VisitError.lotNotInSession }
                (field, old, new) = ("lot", injection["lot_number"], lotNumber)
                try db.execute(sql: "UPDATE injection SET lot_id = ?, product_code = ? WHERE id = ?",
                               arguments: [lot["id"], lot["product_code"], injectionID.uuidString])
            }
            let id = UUID.timeOrdered()
            try db.execute(
                sql: """
                    INSERT INTO amendment (id, session_id, record_type, record_id, field, old_value, new_value, reason,
                        amended_by, amended_at)
                    VALUES (?, ?, 'injection', ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id.uuidString, sessionID, injectionID.uuidString, field, old, new, reason, staffID.uuidString, date])
            return (RecordRef(.amendment, id), id)
        }
    }
}
