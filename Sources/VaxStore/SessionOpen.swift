import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Opens a session at the site: its day and place, the team (staff ids), the lots received and
    /// the planned number of people. Only a site lead opens one, and only when none is open.
    public func openSession(
        day: String, place: String, team: [UUID], lots: [VaccineLot], planned: Int?, by staffID: UUID, at date: Date
    ) throws -> VaccinationSession {
        try commitEvent(.sessionOpened, by: staffID, at: date) { db in
            guard try Self.openSession(db) == nil else { throw VisitError.sessionAlreadyOpen }
            guard let siteID = try String.fetchOne(db, sql: "SELECT id FROM site LIMIT 1").flatMap(UUID.init(uuidString:))
            else { throw VisitError.notFound(.site) }
            let session = VaccinationSession(siteID: siteID, day: day, place: place, status: .open, openedAt: date)
            let lots = lots.map { lot in
                var lot = lot
                lot.sessionID = session.id
                return lot
            }
            try Self.insertSession(session, team: Array(Set(team + [staffID])), lots: lots, by: staffID, in: db)
            try db.execute(sql: "UPDATE session SET planned_people = ? WHERE id = ?", arguments: [planned, session.id.uuidString])
            return (RecordRef(.session, session.id), session)
        }
    }

    /// Every session of the site, newest first: the history the site lead browses.
    public func sessions() throws -> [VaccinationSession] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM session ORDER BY opened_at DESC, rowid DESC").map { row in
                VaccinationSession(
                    id: try row.uuid("id"), siteID: try row.uuid("site_id"), day: row["day"], place: row["place"],
                    status: row["status"] == "open" ? .open : .closed, openedAt: row["opened_at"])
            }
        }
    }
}
