import Foundation
import GRDB

/// The queue of records waiting to reach the central service, one row per record, in commit order.
enum Outbox {
    /// Queues a record. A serious adverse event goes ahead of everything else: the Ministry wants it
    /// within 24 hours, however long the queue behind it.
    static func append(_ record: RecordRef, event: ClinicalEvent, at date: Date, in db: Database) throws {
        let serious = try record.type == .aefi && (Bool.fetchOne(
            db.cachedStatement(sql: "SELECT severity = 'serious' FROM aefi WHERE id = ?"), arguments: [record.id.uuidString]) ?? false)
        try db.execute(
            sql: "INSERT INTO outbox (record_type, record_id, event, created_at, priority) VALUES (?, ?, ?, ?, ?)",
            arguments: [record.type.rawValue, record.id.uuidString, event.rawValue, date, serious ? 1 : 0])
    }
}

extension AppDatabase {
    /// How many records wait to be sent.
    public func pendingOutboxCount() throws -> Int {
        try read { db in try Self.pendingOutboxCount(in: db) }
    }

    static func pendingOutboxCount(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'pending'") ?? 0
    }
}
