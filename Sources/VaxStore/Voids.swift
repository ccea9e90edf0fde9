import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Voids a record entered in error (site lead, reason required): the row stays, marked, and leaves
    /// every count, report, dose rule and certificate; who, when and why are kept in `void_record`; the
    /// record goes to the centre again as entered-in-error. A voided injection's dose is wasted (it was
    /// drawn: the lot's wasted count takes it) or returned (never drawn: an open vial has it back; a
    /// vial already discarded threw it away with the rest, so it is wasted with the vial's).
    /// Answers the person whose certificates the void revoked (a dose they stated is gone), if any.
    @discardableResult
    public func voidRecord(_ record: VoidedRecord, reason: String, by staffID: UUID, at date: Date) throws -> UUID? {
        let reason = try Self.requiredReason(reason)
        return try commitEvent(.voided, by: staffID, at: date) { db in
            let id = record.id.text
            let (type, fate): (RecordType, String?)
            var revokedFor: UUID?
            switch record {
            case .injection(_, let dose):
                guard let row = try Row.fetchOne(db, sql: "SELECT vial_id, voided FROM injection WHERE id = ?", arguments: [id])
                else { throw VisitError.notFound(.injection) }
                guard (row["voided"] as String?) == nil else { throw VisitError.alreadyVoided }
                try db.execute(sql: "UPDATE injection SET voided = ? WHERE id = ?", arguments: [dose.rawValue, id])
                if let vial: String = row["vial_id"], let vialID = UUID(uuidString: vial) {
                    if dose == .returned {
                        try db.execute(sql: "UPDATE vial SET doses_wasted = doses_wasted + 1 WHERE id = ? AND discarded_at IS NOT NULL",
                                       arguments: [vial])
                    }
                    // The vial's wastage changed: the centre hears it again.
                    try Outbox.append(RecordRef(.vial, vialID), event: .voided, at: date, in: db)
                }
                (type, fate) = (.injection, dose.rawValue)
                if let person = try String.fetchOne(
                    db, sql: "SELECT v.person_id FROM injection i JOIN visit v ON v.id = i.visit_id WHERE i.id = ?", arguments: [id]),
                    let personID = UUID(uuidString: person)
                {
                    try Self.revokeCertificates(personID: personID, reason: .enteredInError, at: date, in: db)
                    revokedFor = personID
                }
            case .screening:
                guard let row = try Row.fetchOne(
                    db, sql: """
                        SELECT s.voided, EXISTS (SELECT 1 FROM injection i WHERE i.visit_id = s.visit_id AND i.voided IS NULL) AS dosed
                        FROM screening s WHERE s.id = ?
                        """, arguments: [id])
                else { throw VisitError.notFound(.visit) }
                guard (row["voided"] as String?) == nil else { throw VisitError.alreadyVoided }
                guard row["dosed"] == false else { throw VisitError.voidInjectionFirst }
                try db.execute(sql: "UPDATE screening SET voided = 'voided' WHERE id = ?", arguments: [id])
                (type, fate) = (.screening, nil)
            case .paperDose:
                guard let voided = try Row.fetchOne(db, sql: "SELECT voided, pulled_from FROM prior_dose WHERE id = ?", arguments: [id])
                else { throw VisitError.notFound(.injection) }
                guard (voided[0] as String?) == nil else { throw VisitError.alreadyVoided }
                if let site: String = voided[1] { throw VisitError.recordedElsewhere(site) }
                try db.execute(sql: "UPDATE prior_dose SET voided = 'voided' WHERE id = ?", arguments: [id])
                (type, fate) = (.priorDose, nil)
                if let person = try String.fetchOne(db, sql: "SELECT person_id FROM prior_dose WHERE id = ?", arguments: [id]),
                   let personID = UUID(uuidString: person)
                {
                    try Self.revokeCertificates(personID: personID, reason: .enteredInError, at: date, in: db)
                    revokedFor = personID
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO void_record (id, record_type, record_id, reason, dose_fate, voided_by, voided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [UUID.timeOrdered().text, type.rawValue, id, reason, fate, staffID.text, date])
            return (RecordRef(type, record.id), revokedFor)
        }
    }
}

/// A dose or a screening of a person, as `vaxdesk person history` lists them: with the id a void or an
/// amendment names, and whether it was voided.
public struct PersonRecordLine: Hashable, Sendable {
    public enum Kind: String, Sendable { case injection, screening, paperDose = "paper-dose" }
    public var kind: Kind
    public var id: UUID
    public var day: String
    public var doseNumber: Int?
    /// The product of a dose; the outcome of a screening.
    public var detail: String
    public var voided: Bool
}

extension AppDatabase {
    /// The person's doses (here and from paper) and their screenings that ended without a dose, oldest first.
    public func records(personID: UUID) throws -> [PersonRecordLine] {
        try read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT 'paper-dose', id, given_on, dose_number, product_code, voided FROM prior_dose WHERE person_id = ?1
                    UNION ALL
                    SELECT 'injection', i.id, s.day, i.dose_number, i.product_code, i.voided FROM injection i
                        JOIN visit v ON v.id = i.visit_id JOIN session s ON s.id = v.session_id WHERE v.person_id = ?1
                    UNION ALL
                    SELECT 'screening', sc.id, s.day, v.dose_number, sc.outcome, sc.voided FROM screening sc
                        JOIN visit v ON v.id = sc.visit_id JOIN session s ON s.id = v.session_id
                        WHERE v.person_id = ?1 AND sc.outcome IN ('deferred', 'contraindicated', 'referred')
                    ORDER BY 3, 4
                    """,
                arguments: [personID.text]
            ).map { row in
                guard let kind = PersonRecordLine.Kind(rawValue: row[0]) else { throw BadStoredValue(column: "kind", value: row[0]) }
                return PersonRecordLine(kind: kind, id: try row.uuid("id"), day: row[2], doseNumber: row[3], detail: row[4],
                                        voided: (row[5] as String?) != nil)
            }
        }
    }
}
