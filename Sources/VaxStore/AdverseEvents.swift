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
                        recorded_by, recorded_at, medical_history, reporter_contact, case_number)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [event.id.uuidString, event.visitID.uuidString, event.onset, event.signs,
                            event.severity.rawValue, event.anaphylaxisGrade, event.actions, event.referral,
                            staffID.uuidString, date, event.medicalHistory, event.reporterContact,
                            try Self.nextCaseNumber(at: date, in: db)])
            return (RecordRef(.aefi, event.id), ())
        }
    }

    /// Serious adverse events of any session that have not reached the centre yet (a row of theirs in the
    /// outbox is not sent), oldest first: the dashboard counts down to each one's 24 hours.
    static func seriousReportsDue(in db: Database) throws -> [Dashboard.SeriousReportDue] {
        try Row.fetchAll(
            db, sql: """
                SELECT a.case_number, p.full_name, a.recorded_at FROM aefi a
                JOIN visit v ON v.id = a.visit_id JOIN person p ON p.id = v.person_id
                WHERE a.severity = 'serious' AND EXISTS (
                    SELECT 1 FROM outbox o WHERE o.record_type = 'aefi' AND o.record_id = a.id AND o.state <> 'sent')
                ORDER BY a.recorded_at
                """
        ).map { Dashboard.SeriousReportDue(caseNumber: $0[0] ?? "", personName: $0[1], recordedAt: $0[2]) }
    }

    /// The next case number of the site's AEFI reports this year: `KG-0001-AEFI-2026-0003`, the site's code
    /// first so that the number is unique in the country.
    static func nextCaseNumber(at date: Date, in db: Database) throws -> String {
        let code = try String.fetchOne(db, sql: "SELECT code FROM site LIMIT 1") ?? "SITE"
        let prefix = "\(code)-AEFI-\(try siteDay(date, in: db).year)-"
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM aefi WHERE case_number LIKE ? || '%'", arguments: [prefix]) ?? 0
        return prefix + (count + 1).zeroPadded(4)
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
                    a.anaphylaxis_grade, a.actions, a.referral, v.ticket, a.case_number
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
                caseNumber: row["case_number"], ticket: row["ticket"], person: try Person(row: row))
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

extension AppDatabase {
    /// The report of an adverse event by its case number (those who record or follow events: the
    /// observation nurse, the screening doctor, the site lead), for the Ministry's form and WHO's variables.
    public func adverseEventReport(caseNumber: String, by staffID: UUID) throws -> AdverseEventReport {
        try read { db in
            try Self.requirePermission(.recordAdverseEvent, by: staffID, in: db)
            guard let row = try Row.fetchOne(
                db, sql: """
                    SELECT \(Person.columns("p")), a.id AS aefi_id, a.visit_id, a.onset_at, a.signs, a.severity, a.anaphylaxis_grade,
                        a.actions, a.referral, a.outcome, a.medical_history, a.reporter_contact, a.case_number, a.recorded_at,
                        s.full_name AS staff_name, s.role AS staff_role, si.name AS site_name,
                        i.product_code, i.dose_number, i.injected_at, l.lot_number, l.expiry
                    FROM aefi a JOIN visit v ON v.id = a.visit_id JOIN person p ON p.id = v.person_id
                    JOIN staff s ON s.id = a.recorded_by JOIN site si ON si.id = s.site_id
                    LEFT JOIN injection i ON i.visit_id = v.id LEFT JOIN vaccine_lot l ON l.id = i.lot_id
                    WHERE a.case_number = ?
                    """,
                arguments: [caseNumber.trimmed.uppercased()])
            else { throw VisitError.notFound(.observation) }
            let event = AdverseEvent(
                id: try row.uuid("aefi_id"), visitID: try row.uuid("visit_id"), onset: row["onset_at"], signs: row["signs"],
                severity: try row.value("severity"), anaphylaxisGrade: row["anaphylaxis_grade"], actions: row["actions"],
                referral: row["referral"], outcome: (row["outcome"] as String?).flatMap(AdverseEvent.Outcome.init(rawValue:)),
                medicalHistory: row["medical_history"], reporterContact: row["reporter_contact"], caseNumber: row["case_number"])
            return AdverseEventReport(
                caseNumber: row["case_number"], siteName: row["site_name"], reportedAt: row["recorded_at"], person: try Person(row: row),
                event: event, productCode: row["product_code"], lotNumber: row["lot_number"], lotExpiry: row["expiry"],
                doseNumber: row["dose_number"], injectedAt: row["injected_at"], reporterName: row["staff_name"],
                reporterRole: try row.value("staff_role"))
        }
    }

    /// The site's AEFI reports, newest first: case number, when, whom, serious or not, and whether the
    /// centre has every record of it yet. For the same staff as a report.
    public func adverseEventReports(by staffID: UUID) throws -> [(caseNumber: String, recordedAt: Date, person: String,
                                                                 serious: Bool, atCentre: Bool)] {
        try read { db in
            try Self.requirePermission(.recordAdverseEvent, by: staffID, in: db)
            return try Row.fetchAll(
                db, sql: """
                    SELECT a.case_number, a.recorded_at, p.full_name, a.severity = 'serious',
                        NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_type = 'aefi' AND o.record_id = a.id AND o.state <> 'sent')
                    FROM aefi a JOIN visit v ON v.id = a.visit_id JOIN person p ON p.id = v.person_id
                    WHERE a.case_number IS NOT NULL ORDER BY a.recorded_at DESC
                    """
            ).map { ($0[0], $0[1], $0[2], $0[3], $0[4]) }
        }
    }
}
