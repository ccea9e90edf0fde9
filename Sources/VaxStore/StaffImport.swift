import Foundation
import GRDB
import VaxCore

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
