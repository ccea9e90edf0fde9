import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Records what became of each row of a push, and the push itself, in one transaction: sent and
    /// local rows leave the queue, refused ones are quarantined with the centre's message, the others
    /// count an attempt. `failure`: why the push did not get through, with when to try again.
    public func recordSyncOutcomes(
        _ outcomes: [(seq: Int64, outcome: SyncOutcome)], failure: (message: String, retryAt: Date)? = nil, at date: Date
    ) throws {
        try write { db in
            var sent = 0, quarantined = 0
            for (seq, outcome) in outcomes {
                switch outcome {
                case .sent:
                    sent += 1
                    try db.execute(sql: "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE seq = ?",
                                   arguments: [date, seq])
                case .local:
                    try db.execute(sql: "UPDATE outbox SET state = 'local' WHERE seq = ?", arguments: [seq])
                case .quarantined(let message):
                    quarantined += 1
                    try db.execute(sql: "UPDATE outbox SET state = 'quarantined', attempts = attempts + 1, last_error = ? WHERE seq = ?",
                                   arguments: [message, seq])
                case .retry(let message):
                    try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?",
                                   arguments: [message, seq])
                }
            }
            if let failure {
                try db.execute(
                    sql: "UPDATE sync_state SET last_attempt_at = ?, last_error = ?, next_attempt_at = ? WHERE id = 1",
                    arguments: [date, failure.message, failure.retryAt])
            } else {
                try db.execute(
                    sql: "UPDATE sync_state SET last_attempt_at = ?, last_success_at = ?, last_error = NULL, next_attempt_at = NULL WHERE id = 1",
                    arguments: [date, date])
            }
            // Records leaving the site are an act like any other: one audit row per push that sent or
            // refused something.
            if sent + quarantined > 0 {
                try AuditLog.append(.sync, staffID: nil, record: nil,
                                    detail: "sent=\(sent) quarantined=\(quarantined)", at: date, in: db)
            }
        }
    }

    /// Takes the sync lease for `holder` until `duration` from now, if nobody else holds a live one.
    /// Held already by `holder`, it is extended. A lease whose holder `isGone` (a process of this
    /// machine that died) is taken over at once rather than left to expire. Returns whether `holder`
    /// holds it.
    public func acquireSyncLease(
        holder: String, for duration: TimeInterval, at date: Date, isGone: (String) -> Bool = { _ in false }
    ) throws -> Bool {
        try write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT holder, expires_at FROM sync_lease WHERE id = 1"),
               row["holder"] != holder, (row["expires_at"] as Date) > date, !isGone(row["holder"]) {
                return false
            }
            try db.execute(
                sql: "INSERT INTO sync_lease (id, holder, expires_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at",
                arguments: [holder, date.addingTimeInterval(duration)])
            return true
        }
    }

    /// Gives the lease back (only the holder can).
    public func releaseSyncLease(holder: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM sync_lease WHERE id = 1 AND holder = ?", arguments: [holder])
        }
    }

    /// Where the site stands with the centre.
    public func syncStatus() throws -> SyncStatus {
        try read { db in try Self.syncStatus(in: db) }
    }

    static func syncStatus(in db: Database) throws -> SyncStatus {
        var status = SyncStatus()
        status.pending = try pendingOutboxCount(in: db)
        status.quarantined = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'") ?? 0
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM sync_state WHERE id = 1") {
            status.lastSuccess = row["last_success_at"]
            status.lastAttempt = row["last_attempt_at"]
            status.lastError = row["last_error"]
            status.nextAttempt = row["next_attempt_at"]
        }
        return status
    }

    /// The records the centre refused, oldest first, with its message.
    public func quarantinedRecords() throws -> [QuarantinedRecord] {
        try read { db in try Self.quarantinedRecords(in: db) }
    }

    static func quarantinedRecords(in db: Database) throws -> [QuarantinedRecord] {
        try Row.fetchAll(
            db, sql: "SELECT seq, event, record_id, last_error, attempts FROM outbox WHERE state = 'quarantined' ORDER BY seq"
        ).map { row in
            QuarantinedRecord(seq: row["seq"], event: row["event"], recordID: try row.uuid("record_id"),
                              message: row["last_error"] ?? "", attempts: row["attempts"])
        }
    }

    /// Puts quarantined records back in the queue once the cause is fixed (at the site or the centre).
    @discardableResult
    public func requeueQuarantined(by staffID: UUID, at date: Date) throws -> Int {
        try write { db in
            try Self.requirePermission(.manageSync, by: staffID, in: db)
            try db.execute(sql: "UPDATE outbox SET state = 'pending', last_error = NULL WHERE state = 'quarantined'")
            let count = db.changesCount
            try AuditLog.append(.syncRequeue, staffID: staffID, record: nil, detail: "records=\(count)", at: date, in: db)
            return count
        }
    }
}
