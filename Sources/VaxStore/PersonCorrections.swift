import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Corrects a person's record: the corrected person is checked as a new record would be (the same
    /// rules, whoever asks: a desk or a command), an identity number that is another person's is
    /// refused, and each changed field is kept with its old value in the corrections history. Audited
    /// and queued: the person's Patient goes to the centre again. Returns the person as corrected.
    @discardableResult
    public func correctPerson(
        _ personID: UUID, _ correction: PersonCorrection, provinces: ProvinceCodes, catalog: VaccineCatalog,
        by staffID: UUID, at date: Date
    ) throws -> Person {
        let reason = try Self.requiredReason(correction.reason)
        let year = Calendar(identifier: .gregorian).component(.year, from: date)
        return try commitEvent(.personCorrected, by: staffID, at: date) { db in
            guard let person = try Self.person(id: personID, in: db) else { throw VisitError.notFound(.person) }
            let (corrected, changes): (Person, [PersonCorrection.Change])
            switch correction.apply(to: person, provinces: provinces, catalog: catalog, currentYear: year) {
            case .unchanged: throw CorrectionRefusal.unchanged
            case .invalid(let problems): throw CorrectionRefusal.invalid(problems)
            case .corrected(let person, let changed): (corrected, changes) = (person, changed)
            }
            if let number = corrected.identityNumber, changes.contains(where: { $0.field == .identityNumber }),
               try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE identity_number = ? AND id <> ?",
                                 arguments: [number, personID.text]) != nil
            {
                throw VisitError.identityNumberOnRoster
            }
            try db.execute(
                sql: """
                    UPDATE person SET full_name = ?, folded_name = ?, birth_date = ?, sex = ?, identity_number = ?,
                        phone = ?, address = ?, commune = ?, priority_group = ?, search_digits = ?
                    WHERE id = ?
                    """,
                arguments: [corrected.fullName, NameFolding.fold(corrected.fullName), corrected.birthDate.stored,
                            corrected.sex.rawValue, corrected.identityNumber, corrected.phone, corrected.address,
                            corrected.commune, corrected.priorityGroup,
                            SearchDigits.of(identityNumber: corrected.identityNumber, phone: corrected.phone), personID.text])
            for change in changes {
                try Self.insertCorrection(change, personID: personID, reason: reason, by: staffID, at: date, in: db)
            }
            // What the person's certificates say is no longer the record: they are revoked with it.
            try Self.revokeCertificates(personID: personID, reason: .corrected, at: date, in: db)
            return (RecordRef(.person, personID), corrected)
        }
    }

    /// The row of the corrections history that keeps a field's old value.
    static func insertCorrection(
        _ change: PersonCorrection.Change, personID: UUID, reason: String, by staffID: UUID, at date: Date, in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO person_correction (id, person_id, field, old_value, new_value, reason, corrected_by, corrected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [UUID.timeOrdered().text, personID.text, change.field.name, change.old, change.new, reason,
                        staffID.text, date])
    }

    /// A person of the roster by id, nil when there is none.
    public func person(id: UUID) throws -> Person? {
        try read { db in try Self.person(id: id, in: db) }
    }

    /// The person whose CCCD/CMND this is, nil when there is none.
    public func person(identityNumber: String) throws -> Person? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Person.columns("p")) FROM person p WHERE p.identity_number = ?",
                             arguments: [identityNumber]).map { try Person(row: $0) }
        }
    }

    static func person(id: UUID, in db: Database) throws -> Person? {
        try Row.fetchOne(db, sql: "SELECT \(Person.columns("p")) FROM person p WHERE p.id = ?", arguments: [id.text])
            .map { try Person(row: $0) }
    }

    /// The corrections of a person's record, newest first.
    public func corrections(personID: UUID) throws -> [PersonCorrectionEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT c.field, c.old_value, c.new_value, c.reason, c.corrected_at, s.code
                    FROM person_correction c JOIN staff s ON s.id = c.corrected_by
                    WHERE c.person_id = ? ORDER BY c.corrected_at DESC, c.id DESC
                    """,
                arguments: [personID.text]
            ).map { row in
                guard let field = PersonForm.Field(name: row["field"]) else { throw BadStoredValue(column: "person_correction.field", value: row["field"]) }
                return PersonCorrectionEntry(
                    change: PersonCorrection.Change(field: field, old: row["old_value"], new: row["new_value"]),
                    reason: row["reason"], staffCode: row["code"], at: row["corrected_at"])
            }
        }
    }
}
