import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// The report of a session (the open one, or the last one when none is open, unless `sessionID`
    /// names one). Aggregate counts only: no person is named.
    public func sessionReport(sessionID: UUID? = nil) throws -> SessionReport {
        try read { db in
            let sql = sessionID == nil
                ? "SELECT * FROM session ORDER BY status = 'open' DESC, opened_at DESC LIMIT 1"
                : "SELECT * FROM session WHERE id = ?"
            guard let session = try Row.fetchOne(db, sql: sql, arguments: sessionID.map { [$0.uuidString] } ?? [])
            else { throw VisitError.notFound(.session) }
            let id: String = session["id"]
            var report = SessionReport(sessionID: try session.uuid("id"), day: session["day"], place: session["place"],
                                       status: session["status"])
            report.checkedIn = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM visit WHERE session_id = ?", arguments: [id]) ?? 0
            for row in try Row.fetchAll(
                db, sql: """
                    SELECT \(Person.columns("p")), i.product_code, i.dose_number
                    FROM injection i JOIN visit v ON v.id = i.visit_id JOIN person p ON p.id = v.person_id
                    WHERE v.session_id = ? AND i.voided IS NULL
                    """,
                arguments: [id])
            {
                report.addVaccinated(product: row[10], doseNumber: row[11], person: try Person(row: row))
            }
            let outcomes = try Row.fetchAll(
                db, sql: """
                    SELECT s.outcome, s.consent, COUNT(*) FROM screening s JOIN visit v ON v.id = s.visit_id
                    WHERE v.session_id = ? AND s.voided IS NULL GROUP BY s.outcome, s.consent
                    """,
                arguments: [id])
            for row in outcomes {
                let count: Int = row[2]
                switch ScreeningOutcome(rawValue: row[0]) {
                case .deferred: report.deferred += count
                case .contraindicated: report.contraindicated += count
                case .referred: report.referred += count
                case .eligible?, .caution?: if !(row[1] as Bool) { report.refused += count }
                case nil: break
                }
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT a.severity, COUNT(*) FROM aefi a JOIN visit v ON v.id = a.visit_id WHERE v.session_id = ? GROUP BY a.severity",
                arguments: [id])
            {
                if row[0] == "serious" { report.aefiSerious = row[1] } else { report.aefiCommon = row[1] }
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT left_from, COUNT(*) FROM visit WHERE session_id = ? AND stage = ? AND left_from IS NOT ? GROUP BY left_from",
                arguments: [id, VisitStage.leftWithoutDose.rawValue, Self.refusedAtScreening])
            {
                report.leftWithoutDose[row[0] ?? "unknown"] = row[1]
            }
            report.lots = try Self.lots(sessionID: id, in: db)
            report.registered = try Self.slotAttendance(sessionID: id, day: report.day, in: db).map(\.registered).reduce(0, +)
            report.noShows = try Self.noShows(sessionID: id, day: report.day, in: db)
            return report
        }
    }

    /// Per lot of a session: received, vials opened and their doses, given, wasted (a vial's doses left
    /// when discarded, and the doses of injections voided as drawn and given to nobody).
    static func lots(sessionID: String, in db: Database) throws -> [SessionReport.Lot] {
        try Row.fetchAll(
            db, sql: """
                SELECT l.product_code, l.lot_number, l.doses_received,
                    (SELECT COUNT(*) FROM vial x WHERE x.lot_id = l.id),
                    (SELECT COALESCE(SUM(x.doses_per_vial), 0) FROM vial x WHERE x.lot_id = l.id),
                    (SELECT COUNT(*) FROM injection i WHERE i.lot_id = l.id AND i.voided IS NULL),
                    (SELECT COALESCE(SUM(x.doses_wasted), 0) FROM vial x WHERE x.lot_id = l.id)
                        + (SELECT COUNT(*) FROM injection i WHERE i.lot_id = l.id AND i.voided = 'wasted')
                FROM vaccine_lot l WHERE l.session_id = ? ORDER BY l.product_code, l.lot_number
                """,
            arguments: [sessionID]
        ).map {
            SessionReport.Lot(product: $0[0], lot: $0[1], dosesReceived: $0[2], vialsOpened: $0[3],
                              dosesInOpenedVials: $0[4], dosesGiven: $0[5], dosesWasted: $0[6])
        }
    }
}
