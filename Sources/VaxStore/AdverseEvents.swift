import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// SQL for the worst adverse event of the visit in `visitColumn` (2 serious, 1 common, NULL none),
    /// read back with `worstSeverity(_:)`: the observation board and the certificate show it.
    static func worstSeveritySQL(ofVisit visitColumn: String) -> String {
        "(SELECT MAX(CASE e.severity WHEN 'serious' THEN 2 ELSE 1 END) FROM aefi e WHERE e.visit_id = \(visitColumn))"
    }

    /// SQL: whether the visit in `visitColumn` has a serious event with neither a referral nor an
    /// outcome yet; such a person does not just leave.
    static func unresolvedSeriousSQL(ofVisit visitColumn: String) -> String {
        """
        EXISTS (SELECT 1 FROM aefi e WHERE e.visit_id = \(visitColumn) AND e.severity = 'serious'
                AND COALESCE(e.referral, '') = '' AND e.outcome IS NULL)
        """
    }

    static func worstSeverity(_ level: Int?) -> AdverseEvent.Severity? {
        level.map { $0 == 2 ? .serious : .common }
    }

    /// Records an adverse event for a visit of the open session that reached the injection.
    public func recordAdverseEvent(_ event: AdverseEvent, by staffID: UUID, at date: Date) throws {
        try commitEvent(.aefi, by: staffID, at: date) { db in
            guard let session = try Self.openSession(db) else { throw VisitError.noOpenSession }
            let injected = try Bool.fetchOne(
                db, sql: """
                    SELECT 1 FROM visit v JOIN injection i ON i.visit_id = v.id WHERE v.id = ? AND v.session_id = ?
                    """,
                arguments: [event.visitID.uuidString, session.id.uuidString]) ?? false
            guard injected else { throw VisitError.notFound(.injection) }
            try db.execute(
                sql: """
                    INSERT INTO aefi (id, visit_id, onset_at, signs, severity, anaphylaxis_grade, actions, referral,
                        recorded_by, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [event.id.uuidString, event.visitID.uuidString, event.onset, event.signs,
                            event.severity.rawValue, event.anaphylaxisGrade, event.actions, event.referral,
                            staffID.uuidString, date])
            return (RecordRef(.aefi, event.id), ())
        }
    }

    /// The serious adverse events of the open session that the site lead has not acknowledged, newest
    /// first, with whom they happened to: every desk shows them.
    public func unacknowledgedSeriousEvents() throws -> [AdverseEvent] {
        try read { db in
            guard let session = try Self.openSession(db) else { return [] }
            return try Self.adverseEvents(sessionID: session.id.uuidString, onlyUnacknowledgedSerious: true, in: db)
        }
    }

    /// A session's adverse events with their people, serious first, newest first.
    static func adverseEvents(sessionID: String, onlyUnacknowledgedSerious: Bool, in db: Database) throws -> [AdverseEvent] {
        let filter = onlyUnacknowledgedSerious ? "AND a.severity = 'serious' AND a.acknowledged_at IS NULL" : ""
        return try Row.fetchAll(
            db, sql: """
                SELECT \(Person.columns("p")), a.id AS aefi_id, a.visit_id, a.onset_at, a.signs, a.severity,
                    a.anaphylaxis_grade, a.actions, a.referral, v.ticket
                FROM aefi a JOIN visit v ON v.id = a.visit_id JOIN person p ON p.id = v.person_id
                WHERE v.session_id = ? \(filter)
                ORDER BY a.severity = 'serious' DESC, a.recorded_at DESC
                """,
            arguments: [sessionID]
        ).map { row in
            AdverseEvent(
                id: try row.uuid("aefi_id"), visitID: try row.uuid("visit_id"), onset: row["onset_at"], signs: row["signs"],
                severity: AdverseEvent.Severity(rawValue: row["severity"]) ?? .serious,
                anaphylaxisGrade: row["anaphylaxis_grade"], actions: row["actions"], referral: row["referral"],
                ticket: row["ticket"], person: try Person(row: row))
        }
    }

    /// The site lead has seen a serious event and taken charge: the alert leaves every desk. Audited.
    public func acknowledgeAdverseEvent(_ id: UUID, by staffID: UUID, at date: Date) throws {
        try write { db in
            try Self.requirePermission(.acknowledgeAlert, by: staffID, in: db)
            try db.execute(
                sql: "UPDATE aefi SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL",
                arguments: [date, staffID.uuidString, id.uuidString])
            try AuditLog.append(.aefiAcknowledged, staffID: staffID, record: RecordRef(.aefi, id),
                                detail: nil, at: date, in: db)
        }
    }
}
