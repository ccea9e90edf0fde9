import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// The outbox rows still to push, serious adverse events first and then oldest first, each read with
    /// what it records as it is now (an amended injection goes out amended).
    public func pendingSyncItems(limit: Int) throws -> [SyncItem] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT seq, record_type, record_id, event FROM outbox WHERE state = 'pending' ORDER BY priority DESC, seq LIMIT ?",
                arguments: [limit])
            return try rows.map { try Self.syncItem($0, in: db) }
        }
    }

    /// Every record queued since `since` (any state but local), oldest first: a file for the USB stick.
    public func exportSyncItems(since: Date?) throws -> [SyncItem] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT seq, record_type, record_id, event FROM outbox
                    WHERE state != 'local' AND created_at >= ? ORDER BY seq
                    """,
                arguments: [since ?? Date.distantPast])
            return try rows.map { try Self.syncItem($0, in: db) }.filter { $0.record != .localOnly }
        }
    }

    private static func syncItem(_ row: Row, in db: Database) throws -> SyncItem {
        let seq: Int64 = row["seq"]
        let event: String = row["event"]
        let id: String = row["record_id"]
        let stored: String = row["record_type"]
        guard let type = RecordType(rawValue: stored) else {
            // A row the code does not know is never silently dropped: the push stops and says why.
            throw DatabaseError(message: "outbox row \(seq) has an unknown record type '\(stored)'")
        }
        let record: SyncRecord
        switch type {
        case .person:
            record = try Row.fetchOne(
                db, sql: "SELECT \(Person.columns("p")), p.merged_into FROM person p WHERE p.id = ?", arguments: [id]
            ).map { .patient(try Person(row: $0), replacedBy: ($0["merged_into"] as String?).flatMap(UUID.init(uuidString:))) } ?? .localOnly
        case .injection:
            record = try injectionFacts(id, in: db).map(SyncRecord.immunization) ?? .localOnly
        case .amendment:
            // The record amended goes again, as it is now.
            let amended = try Row.fetchOne(db, sql: "SELECT record_type, record_id FROM amendment WHERE id = ?", arguments: [id])
            let recordID: String = amended?["record_id"] ?? ""
            switch (amended?["record_type"] as String?).flatMap(RecordType.init(rawValue:)) {
            case .injection?: record = try injectionFacts(recordID, in: db).map(SyncRecord.immunization) ?? .localOnly
            case .screening?: record = try notDoneFacts(recordID, in: db).map(SyncRecord.immunization) ?? .localOnly
            case .aefi?: record = try adverseEventFacts(recordID, in: db).map(SyncRecord.adverseEvent) ?? .localOnly
            default: record = .localOnly
            }
        case .screening:
            record = try notDoneFacts(id, in: db).map(SyncRecord.immunization) ?? .localOnly
        case .priorDose:
            record = try paperDoseFacts(id, in: db).map(SyncRecord.immunization) ?? .localOnly
        case .aefi:
            record = try adverseEventFacts(id, in: db).map(SyncRecord.adverseEvent) ?? .localOnly
        case .vial:
            record = try vialFacts(id, in: db).map(SyncRecord.vial) ?? .localOnly
        case .certificate:
            record = try certificateFacts(id, in: db).map(SyncRecord.certificate) ?? .localOnly
        case .visit, .observation, .session, .staff:
            // Check-ins, discharges and sessions are the site's own bookkeeping: nothing for the centre.
            record = .localOnly
        }
        return SyncItem(seq: seq, event: event, record: record)
    }

    private static func certificateFacts(_ id: String, in db: Database) throws -> CertificateFacts? {
        guard let row = try Row.fetchOne(
            db, sql: """
                SELECT c.*, s.code AS staff_code, r.identifier AS replaced_by_identifier
                FROM issued_certificate c LEFT JOIN staff s ON s.id = c.issued_by
                LEFT JOIN issued_certificate r ON r.id = c.replaced_by WHERE c.id = ?
                """, arguments: [id]),
            let person = try Self.person(id: try row.uuid("person_id"), in: db)
        else { return nil }
        let issued = try Self.issuedCertificate(row)
        let replaced = try Row.fetchOne(
            db, sql: """
                SELECT c.*, NULL AS staff_code, NULL AS replaced_by_identifier FROM issued_certificate c
                WHERE c.replaced_by = ? ORDER BY c.issued_at DESC LIMIT 1
                """, arguments: [id]).map(Self.issuedCertificate)
        return CertificateFacts(issued: issued, person: person, replaces: replaced)
    }

    private static func injectionFacts(_ id: String, in db: Database) throws -> ImmunizationFacts? {
        guard let row = try Row.fetchOne(
            db, sql: """
                SELECT \(Person.columns("p")), i.id AS injection_id, i.product_code, i.dose_number, i.arm, i.injected_at,
                       l.lot_number, l.expiry, s.code AS staff_code, s.full_name AS staff_name, se.place,
                       (SELECT MAX(a.amended_at) FROM amendment a WHERE a.record_id = i.id) AS amended_at,
                       i.voided, (SELECT x.voided_at FROM void_record x WHERE x.record_id = i.id) AS voided_at
                FROM injection i JOIN visit v ON v.id = i.visit_id JOIN person p ON p.id = v.person_id
                JOIN vaccine_lot l ON l.id = i.lot_id JOIN staff s ON s.id = i.vaccinator_id
                JOIN session se ON se.id = v.session_id
                WHERE i.id = ?
                """, arguments: [id])
        else { return nil }
        let injectedAt: Date = row["injected_at"]
        var facts = ImmunizationFacts(
            id: try row.uuid("injection_id"), person: try Person(row: row), status: .completed, productCode: row["product_code"],
            lotNumber: row["lot_number"], lotExpiry: row["expiry"], occurred: .moment(injectedAt),
            recorded: ([injectedAt] + [row["amended_at"], row["voided_at"]].compactMap { $0 as Date? }).max() ?? injectedAt,
            doseNumber: row["dose_number"], arm: Arm(rawValue: row["arm"]),
            performer: "\(row["staff_code"] as String) \(row["staff_name"] as String)", place: row["place"],
            primarySource: true)
        facts.enteredInError = (row["voided"] as String?) != nil
        return facts
    }

    /// A screening that ended without a dose (an outcome that said so, or a refusal): a not-done Immunization.
    private static func notDoneFacts(_ id: String, in db: Database) throws -> ImmunizationFacts? {
        guard let row = try Row.fetchOne(
            db, sql: """
                SELECT \(Person.columns("p")), sc.id AS screening_id, sc.outcome, sc.consent, sc.screened_at, v.dose_number,
                       s.code AS staff_code, s.full_name AS staff_name, se.place, sc.voided,
                       (SELECT x.voided_at FROM void_record x WHERE x.record_id = sc.id) AS voided_at
                FROM screening sc JOIN visit v ON v.id = sc.visit_id JOIN person p ON p.id = v.person_id
                JOIN staff s ON s.id = sc.screened_by JOIN session se ON se.id = v.session_id
                WHERE sc.id = ?
                """, arguments: [id]),
            let outcome = ScreeningOutcome(rawValue: row["outcome"])
        else { return nil }
        // Fit for the dose: not-done only if the person declined it.
        let refused = outcome.proceedsToInjection && !(row["consent"] as Bool)
        guard !outcome.proceedsToInjection || refused else { return nil }
        let screenedAt: Date = row["screened_at"]
        var facts = ImmunizationFacts(
            id: try row.uuid("screening_id"), person: try Person(row: row), status: refused ? .refused : .notDone(outcome), productCode: nil,
            lotNumber: nil, lotExpiry: nil, occurred: .moment(screenedAt), recorded: row["voided_at"] ?? screenedAt,
            doseNumber: row["dose_number"], arm: nil,
            performer: "\(row["staff_code"] as String) \(row["staff_name"] as String)", place: row["place"],
            primarySource: true)
        facts.enteredInError = (row["voided"] as String?) != nil
        return facts
    }

    private static func paperDoseFacts(_ id: String, in db: Database) throws -> ImmunizationFacts? {
        guard let row = try Row.fetchOne(
            db, sql: """
                SELECT \(Person.columns("p")), d.id AS dose_id, d.dose_number, d.product_code, d.given_on, d.lot_number,
                       d.place, d.recorded_at, d.voided, (SELECT x.voided_at FROM void_record x WHERE x.record_id = d.id) AS voided_at
                FROM prior_dose d JOIN person p ON p.id = d.person_id WHERE d.id = ?
                """, arguments: [id])
        else { return nil }
        var facts = ImmunizationFacts(
            id: try row.uuid("dose_id"), person: try Person(row: row), status: .completed, productCode: row["product_code"],
            lotNumber: row["lot_number"], lotExpiry: nil, occurred: .day(row["given_on"]),
            recorded: row["voided_at"] ?? row["recorded_at"],
            doseNumber: row["dose_number"], arm: nil, performer: nil, place: row["place"], primarySource: false)
        facts.enteredInError = (row["voided"] as String?) != nil
        return facts
    }

    private static func adverseEventFacts(_ id: String, in db: Database) throws -> AdverseEventFacts? {
        guard let row = try Row.fetchOne(
            db, sql: """
                SELECT \(Person.columns("p")), a.id AS aefi_id, a.visit_id, a.onset_at, a.signs, a.severity,
                       a.anaphylaxis_grade, a.actions, a.referral, a.outcome, a.recorded_at, i.id AS injection_id,
                       a.case_number, a.medical_history, a.reporter_contact,
                       s.code AS staff_code, s.full_name AS staff_name, s.role AS staff_role, si.name AS site_name
                FROM aefi a JOIN visit v ON v.id = a.visit_id JOIN person p ON p.id = v.person_id
                LEFT JOIN injection i ON i.visit_id = v.id
                JOIN staff s ON s.id = a.recorded_by JOIN site si ON si.id = s.site_id
                WHERE a.id = ?
                """, arguments: [id])
        else { return nil }
        let event = AdverseEvent(
            id: try row.uuid("aefi_id"), visitID: try row.uuid("visit_id"), onset: row["onset_at"], signs: row["signs"],
            severity: AdverseEvent.Severity(rawValue: row["severity"]) ?? .common, anaphylaxisGrade: row["anaphylaxis_grade"],
            actions: row["actions"], referral: row["referral"],
            outcome: (row["outcome"] as String?).flatMap(AdverseEvent.Outcome.init(rawValue:)),
            medicalHistory: row["medical_history"], reporterContact: row["reporter_contact"], caseNumber: row["case_number"])
        // Name, position, institution and contact: whom the centre calls back.
        let code: String = row["staff_code"], name: String = row["staff_name"], role: String = row["staff_role"]
        let site: String = row["site_name"]
        let reporter = ([code + " " + name, role, site] + [event.reporterContact].compactMap { $0 }).joined(separator: ", ")
        return AdverseEventFacts(
            event: event, person: try Person(row: row),
            injectionID: (row["injection_id"] as String?).flatMap(UUID.init(uuidString:)), recorded: row["recorded_at"],
            reporter: reporter)
    }

    private static func vialFacts(_ id: String, in db: Database) throws -> VialFacts? {
        guard let row = try Row.fetchOne(
            db, sql: """
                SELECT v.id, l.product_code, l.lot_number, v.doses_per_vial, v.opened_at, v.discarded_at, v.doses_wasted,
                       (SELECT COUNT(*) FROM injection i WHERE i.vial_id = v.id AND i.voided = 'wasted') AS voided_wasted
                FROM vial v JOIN vaccine_lot l ON l.id = v.lot_id WHERE v.id = ?
                """, arguments: [id])
        else { return nil }
        // A dose drawn for an injection voided later was given to nobody: wasted, with the vial's.
        let left: Int? = row["doses_wasted"], voided: Int = row["voided_wasted"]
        return VialFacts(
            id: try row.uuid("id"), productCode: row["product_code"], lotNumber: row["lot_number"],
            dosesPerVial: row["doses_per_vial"], openedAt: row["opened_at"], discardedAt: row["discarded_at"],
            dosesWasted: left == nil && voided == 0 ? nil : (left ?? 0) + voided)
    }
}
