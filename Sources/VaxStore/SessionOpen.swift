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
            let role = try String.fetchOne(db, sql: "SELECT role FROM staff WHERE id = ?", arguments: [staffID.uuidString])
            guard role == Role.siteLead.rawValue else { throw VisitError.siteLeadOnly }
            guard try Self.openSession(db) == nil else { throw VisitError.sessionAlreadyOpen }
            guard let siteID = try String.fetchOne(db, sql: "SELECT id FROM site LIMIT 1").flatMap(UUID.init(uuidString:))
            else { throw VisitError.notFound }
            let session = VaccinationSession(siteID: siteID, day: day, place: place, status: .open, openedAt: date)
            let lots = lots.map { lot in
                var lot = lot
                lot.sessionID = session.id
                return lot
            }
            try Self.insertSession(session, team: Array(Set(team + [staffID])), lots: lots, by: staffID, in: db)
            try db.execute(sql: "UPDATE session SET planned_people = ? WHERE id = ?", arguments: [planned, session.id.uuidString])
            return (RecordRef(type: "session", id: session.id), session)
        }
    }

    /// Every session of the site, newest first: the history the site lead browses.
    public func sessions() throws -> [VaccinationSession] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM session ORDER BY opened_at DESC, rowid DESC").map { row in
                VaccinationSession(
                    id: row.uuid("id"), siteID: row.uuid("site_id"), day: row["day"], place: row["place"],
                    status: row["status"] == "open" ? .open : .closed, openedAt: row["opened_at"])
            }
        }
    }
}

extension AppDatabase {
    /// Adds the staff of a list, or updates the name and role of those already there (matched by
    /// code). Returns how many were added and updated.
    public func importStaff(_ members: [Staff], at date: Date) throws -> (added: Int, updated: Int) {
        try write { db in
            guard let siteID = try String.fetchOne(db, sql: "SELECT id FROM site LIMIT 1") else { throw VisitError.notFound }
            var added = 0, updated = 0
            for member in members {
                if let existing = try Row.fetchOne(db, sql: "SELECT full_name, role FROM staff WHERE code = ?", arguments: [member.code]) {
                    guard existing["full_name"] != member.fullName || existing["role"] != member.role.rawValue else { continue }
                    try db.execute(sql: "UPDATE staff SET full_name = ?, role = ?, active = 1 WHERE code = ?",
                                   arguments: [member.fullName, member.role.rawValue, member.code])
                    updated += 1
                } else {
                    try db.execute(
                        sql: "INSERT INTO staff (id, site_id, code, full_name, role) VALUES (?, ?, ?, ?, ?)",
                        arguments: [member.id.uuidString, siteID, member.code, member.fullName, member.role.rawValue])
                    added += 1
                }
            }
            try AuditLog.append(action: "staff-import", staffID: nil, record: nil,
                                detail: "added=\(added) updated=\(updated)", at: date, in: db)
            return (added, updated)
        }
    }
}
