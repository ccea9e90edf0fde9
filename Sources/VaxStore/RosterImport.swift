import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Adds the people of a roster file, or completes those already there, in one transaction.
    ///
    /// A person is the same person when the identity number matches; without one, when the folded name
    /// and birth date match (and the phones do not contradict each other). A match is completed, never
    /// emptied: a value the file lacks keeps what the roster has. Importing the same file twice changes
    /// nothing the second time.
    public func importRoster(
        _ entries: [RosterEntry], at date: Date, progress: ((Int) -> Void)? = nil
    ) throws -> RosterImportSummary {
        try write { db in
            // A big transaction would spill pages to the WAL as it goes with the default 2 MB cache.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            // Into an empty roster, the search index is built once at the end rather than row by row.
            let bulk = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") == 0
            if bulk {
                try db.execute(sql: "DROP TRIGGER person_search_insert; DROP TRIGGER person_search_update; DROP TRIGGER person_search_delete")
            }
            var summary = RosterImportSummary()
            var seenInFile: Set<String> = []
            // Every name and number this import has written: into an empty roster, a row none of whose
            // keys was seen cannot match anybody, and needs no look-up.
            var writtenKeys: Set<String> = []
            let stamp = date.databaseValue
            for (index, entry) in entries.enumerated() {
                let keys = PersonKeys(entry.person)
                let repeatsEarlierRow = !seenInFile.isDisjoint(with: keys.identifying)
                seenInFile.formUnion(keys.identifying)
                let mayMatch = !bulk || !writtenKeys.isDisjoint(with: keys.all)
                writtenKeys.formUnion(keys.all)
                if mayMatch, let existing = try Self.matchingPerson(entry.person, folded: keys.folded, in: db) {
                    let changed = try Self.complete(existing, with: entry, stamp: stamp, in: db)
                    if repeatsEarlierRow {
                        summary.duplicates += 1
                    } else if changed {
                        summary.updated += 1
                    } else {
                        summary.unchanged += 1
                    }
                } else {
                    try Self.insert(entry, folded: keys.folded, stamp: stamp, in: db)
                    summary.imported += 1
                }
                if (index + 1) % 10_000 == 0 { progress?(index + 1) }
            }
            if bulk {
                try db.execute(sql: "INSERT INTO person_search(person_search) VALUES ('rebuild')")
                try db.execute(sql: Migrations.personSearchTriggers)
            }
            try AuditLog.append(
                action: "roster-import", staffID: nil, record: nil,
                detail: "imported=\(summary.imported) updated=\(summary.updated) unchanged=\(summary.unchanged) duplicates=\(summary.duplicates)",
                at: date, in: db)
            return summary
        }
    }

    private static func matchingPerson(_ person: Person, folded: String, in db: Database) throws -> Row? {
        if let number = person.identityNumber,
           let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM person WHERE identity_number = ?"), arguments: [number]) {
            return row
        }
        // Without a matching identity number: the same folded name and birth date, among people whose
        // identity number (if any) does not contradict, and whose phone (if both have one) agrees.
        let candidates = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM person WHERE folded_name = ? AND birth_date = ?"),
            arguments: [folded, person.birthDate.stored])
        let compatible = candidates.filter { row in
            let number: String? = row["identity_number"]
            let phone: String? = row["phone"]
            let identityAgrees = number == nil || person.identityNumber == nil || number == person.identityNumber
            let phoneAgrees = phone == nil || person.phone == nil || phone == person.phone
            return identityAgrees && phoneAgrees
        }
        return compatible.count == 1 ? compatible[0] : nil
    }

    /// Fills what the roster lacks or the file corrects; adds prior doses not yet recorded.
    /// Returns whether anything changed.
    private static func complete(_ row: Row, with entry: RosterEntry, stamp: DatabaseValue, in db: Database) throws -> Bool {
        let person = entry.person
        let id: String = row["id"]
        let updates: [(String, String?)] = [
            ("full_name", person.fullName), ("identity_number", person.identityNumber), ("phone", person.phone),
            ("address", person.address), ("commune", person.commune), ("priority_group", person.priorityGroup),
            ("insurance_number", person.insuranceNumber),
        ]
        var changed = false
        for (column, value) in updates {
            guard let value, value != (row[column] as String?) else { continue }
            try db.execute(sql: "UPDATE person SET \(column) = ? WHERE id = ?", arguments: [value, id])
            if column == "full_name" {
                try db.execute(sql: "UPDATE person SET folded_name = ? WHERE id = ?", arguments: [NameFolding.fold(value), id])
            }
            changed = true
        }
        if changed {
            try db.execute(
                sql: "UPDATE person SET search_digits = ? WHERE id = ?",
                arguments: [SearchDigits.of(identityNumber: person.identityNumber ?? row["identity_number"],
                                            phone: person.phone ?? row["phone"]), id])
        }
        for dose in entry.priorDoses {
            let known = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM prior_dose WHERE person_id = ? AND dose_number = ? AND product_code = ? AND given_on = ?"),
                arguments: [id, dose.doseNumber, dose.productCode, dose.givenOn]) ?? false
            if !known {
                try insertPriorDose(dose, personID: id, source: "roster", stamp: stamp, in: db)
                changed = true
            }
        }
        return changed
    }

    private static func insert(_ entry: RosterEntry, folded: String, stamp: DatabaseValue, in db: Database) throws {
        try insertPerson(entry.person, folded: folded, source: .roster, stamp: stamp, in: db)
        for dose in entry.priorDoses {
            try insertPriorDose(dose, personID: entry.person.id.uuidString, source: "roster", stamp: stamp, in: db)
        }
    }
}

/// The keys a person of an import is known by, with the name folded once for all of them.
private struct PersonKeys {
    let folded: String
    /// What identifies the person within one file: the identity number, or else the name and birth date.
    let identifying: Set<String>
    /// Every key the person can be found by: both of them.
    let all: Set<String>

    init(_ person: Person) {
        folded = NameFolding.fold(person.fullName)
        let byName = "name:" + folded + "|" + person.birthDate.stored
        if let number = person.identityNumber {
            identifying = ["id:" + number]
            all = ["id:" + number, byName]
        } else {
            identifying = [byName]
            all = [byName]
        }
    }
}
