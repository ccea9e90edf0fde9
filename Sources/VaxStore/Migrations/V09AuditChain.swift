import Crypto
import Foundation
import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// The audit trail becomes a hash chain, and its rows can no longer be changed or removed.
enum V09AuditChain: SchemaMigration {
    static let identifier = "v9-audit-chain"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE audit ADD COLUMN hash TEXT")
        var previous = ""
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq")
        for (index, row) in rows.enumerated() {
            // Renumbered from 1 so that the chain has no gap; stamps kept as stored.
            let oldSeq: Int64 = row["seq"]
            let seq = Int64(index + 1)
            let fields: [String?] = [row["at"], row["staff_id"], row["action"], row["record_type"], row["record_id"], row["detail"]]
            previous = hash(after: previous, seq: seq, fields)
            try db.execute(sql: "UPDATE audit SET seq = ?, hash = ? WHERE seq = ?", arguments: [seq, previous, oldSeq])
        }
        try db.execute(sql: """
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
                SELECT RAISE(ABORT, 'the audit trail is append-only');
            END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
                SELECT RAISE(ABORT, 'the audit trail is append-only');
            END;
            """)
    }

    /// SHA-256 (hex) of the previous hash, the sequence number and the row's fields, each
    /// length-prefixed, absent ones as "∅": the chain as v9 shipped it (`AuditLog` verifies the same).
    private static func hash(after previous: String, seq: Int64, _ fields: [String?]) -> String {
        let parts = [previous, String(seq)] + fields.map { $0 ?? "∅" }
        let text = parts.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
