import Foundation
import GRDB

/// The append-only log of who did what, and when.
enum AuditLog {
    static func append(
        action: String, staffID: UUID?, record: RecordRef?, detail: String?, at date: Date, in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO audit (at, staff_id, action, record_type, record_id, detail)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [date, staffID?.uuidString, action, record?.type, record?.id.uuidString, detail])
    }
}

/// One row of the audit trail.
public struct AuditEntry: Hashable, Sendable {
    public let at: Date
    public let staffID: UUID?
    public let action: String
    public let recordID: UUID?
    public let detail: String?
}

extension AppDatabase {
    /// The audit rows about one record, oldest first.
    public func auditTrail(ofRecord id: UUID) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT at, staff_id, action, record_id, detail FROM audit WHERE record_id = ? ORDER BY rowid",
                arguments: [id.uuidString]
            ).map { row in
                AuditEntry(at: row[0], staffID: (row[1] as String?).flatMap(UUID.init(uuidString:)), action: row[2],
                           recordID: (row[3] as String?).flatMap(UUID.init(uuidString:)), detail: row[4])
            }
        }
    }
}
