import Crypto
import Foundation
import GRDB
import VaxCore

/// The append-only log of who did what, and when. Each row carries the SHA-256 of the row before it
/// and of its own fields, so that altering, removing or reordering a row breaks the chain at that row;
/// triggers refuse UPDATE and DELETE (a tamperer must drop them first, and `verify` still sees it).
enum AuditLog {
    static func append(
        _ act: AuditAction, staffID: UUID?, record: RecordRef?, detail: String?, at date: Date, in db: Database
    ) throws {
        let action = act.name
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"))
        let seq = (last?["seq"] as Int64? ?? 0) + 1
        let fields = Fields(seq: seq, at: AppDatabase.stamp(date), staffID: staffID?.uuidString, action: action,
                            recordType: record?.type.rawValue, recordID: record?.id.uuidString, detail: detail)
        try db.cachedStatement(sql: """
            INSERT INTO audit (seq, at, staff_id, action, record_type, record_id, detail, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                seq, fields.at, fields.staffID, action, fields.recordType, fields.recordID, detail,
                fields.hash(after: last?["hash"] ?? ""),
            ])
    }

    /// A row's content, as the chain hashes it.
    struct Fields {
        var seq: Int64
        var at: String
        var staffID: String?
        var action: String
        var recordType: String?
        var recordID: String?
        var detail: String?

        init(seq: Int64, at: String, staffID: String?, action: String, recordType: String?, recordID: String?,
             detail: String?) {
            self.seq = seq
            self.at = at
            self.staffID = staffID
            self.action = action
            self.recordType = recordType
            self.recordID = recordID
            self.detail = detail
        }

        init(row: Row) {
            self.init(seq: row["seq"], at: row["at"], staffID: row["staff_id"], action: row["action"],
                      recordType: row["record_type"], recordID: row["record_id"], detail: row["detail"])
        }

        /// SHA-256 (hex) of the previous row's hash and this row's fields, each length-prefixed so that no
        /// two different rows read the same.
        func hash(after previous: String) -> String {
            let parts = [previous, String(seq), at, staffID ?? "∅", action, recordType ?? "∅", recordID ?? "∅", detail ?? "∅"]
            let text = parts.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
            return Data(SHA256.hash(data: Data(text.utf8))).hex
        }
    }
}

extension AppDatabase {
    /// What `verifyAudit` found: every row in order with its hash, or the first row where the chain breaks.
    public enum AuditVerification: Hashable, Sendable {
        case intact(rows: Int)
        /// The row's content does not match its hash: it was altered (or rows were reordered).
        case altered(seq: Int64)
        /// Rows are missing before this one (deleted).
        case missingBefore(seq: Int64)
    }

    /// Walks the audit trail from the first row and checks each row's hash against its content and
    /// the row before it.
    public func verifyAudit() throws -> AuditVerification {
        try read { db in
            var previousHash = ""
            var previousSeq: Int64 = 0
            var count = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY seq")
            while let row = try rows.next() {
                let fields = AuditLog.Fields(row: row)
                if fields.seq != previousSeq + 1 { return .missingBefore(seq: fields.seq) }
                let stored: String? = row["hash"]
                guard stored == fields.hash(after: previousHash) else { return .altered(seq: fields.seq) }
                previousHash = stored!
                previousSeq = fields.seq
                count += 1
            }
            return .intact(rows: count)
        }
    }
}

extension AppDatabase {
    /// The audit rows about one record, oldest first.
    public func auditTrail(ofRecord id: UUID) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: Self.auditQuery + " WHERE a.record_id = ? ORDER BY a.seq", arguments: [id.uuidString])
                .map(AuditEntry.init(row:))
        }
    }

    /// The latest rows of the audit trail, newest first, before row `seq` when given (the next page):
    /// for the site lead only.
    public func auditTrail(before seq: Int64? = nil, limit: Int, by staffID: UUID) throws -> [AuditEntry] {
        try read { db in
            try Self.requirePermission(.browseAudit, by: staffID, in: db)
            return try Row.fetchAll(
                db, sql: Self.auditQuery + " WHERE a.seq < ? ORDER BY a.seq DESC LIMIT ?",
                arguments: [seq ?? Int64.max, limit]
            ).map(AuditEntry.init(row:))
        }
    }

    /// Each row with who did it and, for a record about a person, that person's name: the record's
    /// visit (a screening, injection, observation or adverse event is one), or the person themselves.
    private static let auditQuery = """
        SELECT a.seq, a.at, a.staff_id, s.code, s.full_name, a.action, a.record_type, a.record_id, a.detail,
            CASE a.record_type
                WHEN 'person' THEN (SELECT full_name FROM person WHERE id = a.record_id)
                WHEN 'prior_dose' THEN (SELECT p.full_name FROM prior_dose d JOIN person p ON p.id = d.person_id WHERE d.id = a.record_id)
                WHEN 'visit' THEN (SELECT p.full_name FROM visit v JOIN person p ON p.id = v.person_id WHERE v.id = a.record_id)
                WHEN 'screening' THEN (SELECT p.full_name FROM screening r JOIN visit v ON v.id = r.visit_id
                                       JOIN person p ON p.id = v.person_id WHERE r.id = a.record_id)
                WHEN 'injection' THEN (SELECT p.full_name FROM injection r JOIN visit v ON v.id = r.visit_id
                                       JOIN person p ON p.id = v.person_id WHERE r.id = a.record_id)
                WHEN 'observation' THEN (SELECT p.full_name FROM observation r JOIN visit v ON v.id = r.visit_id
                                         JOIN person p ON p.id = v.person_id WHERE r.id = a.record_id)
                WHEN 'aefi' THEN (SELECT p.full_name FROM aefi r JOIN visit v ON v.id = r.visit_id
                                  JOIN person p ON p.id = v.person_id WHERE r.id = a.record_id)
            END AS person_name
        FROM audit a LEFT JOIN staff s ON s.id = a.staff_id
        """
}

extension AuditEntry {
    init(row: Row) {
        self.init(
            seq: row[0], at: row[1], staffID: (row[2] as String?).flatMap(UUID.init(uuidString:)), staffCode: row[3],
            staffName: row[4], action: row[5], recordType: row[6],
            recordID: (row[7] as String?).flatMap(UUID.init(uuidString:)), detail: row[8], personName: row[9])
    }
}
