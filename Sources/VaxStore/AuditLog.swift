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
