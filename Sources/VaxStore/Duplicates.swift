import Foundation
import GRDB
import VaxCore

/// Two records of the roster that are probably one person, and why it looks so.
public struct DuplicatePair: Hashable, Sendable {
    public enum Reason: String, Hashable, Sendable {
        case sameIdentityNumber = "identity"
        /// The same name written the same way once folded (diacritics and case aside), and the same birth date.
        case sameNameAndBirthDate = "name-birth"
        case samePhoneAndBirthYear = "phone-year"
    }

    public var first: RosterMatch
    public var second: RosterMatch
    public var reason: Reason
}

extension AppDatabase {
    /// Records of the roster that are probably the same person, for the site lead to look at: the same
    /// CCCD/CMND; the same folded name and birth date; the same phone and birth year. A pair whose
    /// identity numbers differ is two people and is never offered. Records merged already are left out.
    public func probableDuplicates(limit: Int = 200) throws -> [DuplicatePair] {
        try read { db in
            let pairs = try Row.fetchAll(
                db, sql: """
                    SELECT a.rowid, b.rowid, 'identity' FROM person a JOIN person b
                        ON b.identity_number = a.identity_number AND b.rowid > a.rowid
                        WHERE a.identity_number IS NOT NULL AND a.merged_into IS NULL AND b.merged_into IS NULL
                    UNION
                    SELECT a.rowid, b.rowid, 'name-birth' FROM person a JOIN person b
                        ON b.folded_name = a.folded_name AND b.birth_date = a.birth_date AND b.rowid > a.rowid
                        WHERE a.folded_name <> '' AND a.merged_into IS NULL AND b.merged_into IS NULL
                          AND (a.identity_number IS NULL OR b.identity_number IS NULL OR a.identity_number = b.identity_number)
                    UNION
                    SELECT a.rowid, b.rowid, 'phone-year' FROM person a JOIN person b
                        ON b.phone = a.phone AND substr(b.birth_date, 1, 4) = substr(a.birth_date, 1, 4) AND b.rowid > a.rowid
                        WHERE a.phone IS NOT NULL AND a.merged_into IS NULL AND b.merged_into IS NULL
                          AND (a.identity_number IS NULL OR b.identity_number IS NULL OR a.identity_number = b.identity_number)
                    LIMIT ?
                    """,
                arguments: [limit])
            // One pair once, with the strongest reason.
            var seen: [String: DuplicatePair.Reason] = [:]
            var order: [(Int64, Int64)] = []
            for row in pairs {
                let key = "\(row[0] as Int64)-\(row[1] as Int64)"
                guard let reason = DuplicatePair.Reason(rawValue: row[2]) else { continue }
                if seen[key] == nil { order.append((row[0], row[1])) }
                if seen[key] == nil || reason == .sameIdentityNumber { seen[key] = reason }
            }
            let rowids = Array(Set(order.flatMap { [$0.0, $0.1] }))
            let people = Dictionary(uniqueKeysWithValues: zip(rowids, try Self.matches(rowids: rowids, in: db)))
            return order.compactMap { a, b in
                guard let first = people[a], let second = people[b], let reason = seen["\(a)-\(b)"] else { return nil }
                return DuplicatePair(first: first, second: second, reason: reason)
            }
        }
    }

    /// Merges two records of one person (site lead, reason required): `keep` takes every visit and paper
    /// dose of `merged` (a paper dose it has already is voided, not doubled), and the fields it lacks
    /// (each filled one kept in its corrections history); `merged` stays, marked as merged into it, out
    /// of search and duplicates. Audited; both Patients go to the centre (the merged one as replaced by
    /// the kept one), and the records moved go again under the kept one.
    public func mergePeople(keep: UUID, merged: UUID, reason: String, by staffID: UUID, at date: Date) throws {
        let reason = try Self.requiredReason(reason)
        try commitEvent(.personMerged, by: staffID, at: date) { db in
            guard keep != merged, let kept = try Self.person(id: keep, in: db), let gone = try Self.person(id: merged, in: db)
            else { throw VisitError.notFound(.person) }
            let mergedAlready = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM person WHERE id IN (?, ?) AND merged_into IS NOT NULL)",
                arguments: [keep.text, merged.text]) ?? false
            guard !mergedAlready else { throw VisitError.alreadyMerged }
            if let a = kept.identityNumber, let b = gone.identityNumber, a != b { throw VisitError.differentIdentityNumbers }
            let sameSession = try Bool.fetchOne(
                db, sql: """
                    SELECT EXISTS (SELECT 1 FROM visit a JOIN visit b ON b.session_id = a.session_id
                                   WHERE a.person_id = ? AND b.person_id = ?)
                    """,
                arguments: [keep.text, merged.text]) ?? false
            guard !sameSession else { throw VisitError.bothInSession }
            // What the kept record lacks, from the other; the other's identity number moves with it.
            let fills: [(PersonForm.Field, String, String?)] = [
                (.identityNumber, "identity_number", gone.identityNumber), (.phone, "phone", gone.phone),
                (.address, "address", gone.address), (.commune, "commune", gone.commune),
                (.priorityGroup, "priority_group", gone.priorityGroup),
            ]
            for (field, column, value) in fills where value != nil && PersonCorrection.stored(field, of: kept) == nil {
                try db.execute(sql: "UPDATE person SET \(column) = ? WHERE id = ?", arguments: [value, keep.text])
                try Self.insertCorrection(PersonCorrection.Change(field: field, old: nil, new: value), personID: keep,
                                          reason: reason, by: staffID, at: date, in: db)
            }
            if gone.insuranceNumber != nil, kept.insuranceNumber == nil {
                try db.execute(sql: "UPDATE person SET insurance_number = ? WHERE id = ?", arguments: [gone.insuranceNumber, keep.text])
            }
            try db.execute(
                sql: "UPDATE person SET search_digits = ? WHERE id = ?",
                arguments: [SearchDigits.of(identityNumber: kept.identityNumber ?? gone.identityNumber, phone: kept.phone ?? gone.phone),
                            keep.text])
            // The record merged is no one now, and the kept person's certificates lack its doses: both stop,
            // and the kept person's is issued anew.
            try Self.revokeCertificates(personID: merged, reason: .corrected, at: date, in: db)
            try Self.revokeCertificates(personID: keep, reason: .corrected, at: date, in: db)
            // The records move, and go to the centre again under the kept person; a dose pulled from the
            // centre moves too, but is the giving site's to send, never this one's.
            let moved = try Row.fetchAll(
                db, sql: """
                    SELECT 'injection', i.id FROM injection i JOIN visit v ON v.id = i.visit_id WHERE v.person_id = ?1
                    UNION ALL SELECT 'screening', s.id FROM screening s JOIN visit v ON v.id = s.visit_id WHERE v.person_id = ?1
                    UNION ALL SELECT 'aefi', a.id FROM aefi a JOIN visit v ON v.id = a.visit_id WHERE v.person_id = ?1
                    UNION ALL SELECT 'prior_dose', d.id FROM prior_dose d WHERE d.person_id = ?1 AND d.pulled_from IS NULL
                    """,
                arguments: [merged.text])
            try db.execute(sql: "UPDATE visit SET person_id = ? WHERE person_id = ?", arguments: [keep.text, merged.text])
            try Self.markMerged(merged.text, into: keep.text, at: date, in: db)
            // A paper dose both records had is one dose: the copy is voided.
            let copies = try String.fetchAll(
                db, sql: """
                    SELECT d.id FROM prior_dose d WHERE d.person_id = ?1 AND d.voided IS NULL AND EXISTS (
                        SELECT 1 FROM prior_dose e WHERE e.person_id = ?1 AND e.voided IS NULL AND e.rowid < d.rowid
                            AND e.dose_number = d.dose_number AND e.product_code = d.product_code AND e.given_on = d.given_on)
                    """,
                arguments: [keep.text])
            for copy in copies {
                try db.execute(sql: "UPDATE prior_dose SET voided = 'voided' WHERE id = ?", arguments: [copy])
                try db.execute(
                    sql: """
                        INSERT INTO void_record (id, record_type, record_id, reason, dose_fate, voided_by, voided_at)
                        VALUES (?, 'prior_dose', ?, ?, NULL, ?, ?)
                        """,
                    arguments: [UUID.timeOrdered().text, copy, reason, staffID.text, date])
            }
            for row in moved {
                guard let type = RecordType(rawValue: row[0]), let id = UUID(uuidString: row[1]) else { continue }
                try Outbox.append(RecordRef(type, id), event: .personMerged, at: date, in: db)
            }
            try Outbox.append(RecordRef(.person, keep), event: .personCorrected, at: date, in: db)
            return (RecordRef(.person, merged), ())
        }
    }

    /// `gone` merged into `kept`: out of search and of the duplicates, its identity number the kept
    /// record's now; its earlier doses (pulled or from papers), the centre's ids it is known under here
    /// and its appointments are the kept record's. Its visits are the caller's to move.
    static func markMerged(_ gone: String, into kept: String, at date: Date, in db: Database) throws {
        for table in ["prior_dose", "pulled_person", "registration"] {
            try db.execute(sql: "UPDATE \(table) SET person_id = ? WHERE person_id = ?", arguments: [kept, gone])
        }
        try db.execute(
            sql: """
                UPDATE person SET merged_into = ?, merged_at = ?, folded_name = '', search_digits = '', identity_number = NULL
                WHERE id = ?
                """,
            arguments: [kept, date, gone])
    }

}
