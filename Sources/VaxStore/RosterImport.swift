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
    ///
    /// `staffID`: who imports (a site lead). Only a database with no staff yet, being prepared before
    /// the site is set up, takes a roster from nobody. `whenRead` runs once the entries end, before
    /// anything is committed: a file that failed part-way (a USB stick pulled out) throws there, and
    /// nothing of it is written.
    public func importRoster(
        _ entries: some Sequence<RosterEntry>, by staffID: UUID?, at date: Date, progress: ((Int) -> Void)? = nil,
        whenRead: () throws -> Void = {}
    ) throws -> RosterImportSummary {
        try writeRoster { db, bulk in
            if let staffID {
                try Self.requirePermission(.importRoster, by: staffID, in: db)
            } else if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff") != 0 {
                throw VisitError.notPermitted(.importRoster, role: nil)
            }
            // Into an empty roster, people written by this import are found again through `written`
            // (the look-up indexes come back at the end).
            var written: WrittenPeople? = bulk ? WrittenPeople() : nil
            var summary = RosterImportSummary()
            var seenInFile: Set<Int> = []
            // The first row of the file with each identity number, to name it when a later row gives
            // the same number to someone else.
            var identityLines: [Int: Int] = [:]
            let stamp = Self.stamp(date)
            for (index, entry) in entries.enumerated() {
                let keys = PersonKeys(entry.person)
                let repeatsEarlierRow = seenInFile.contains(keys.identifying)
                if let existing = try Self.matchingPerson(entry.person, keys: keys, written: written, in: db) {
                    if let conflict = Self.identityConflict(entry, keys: keys, existing: existing, earlierLine: keys.identity.flatMap { identityLines[$0] }) {
                        summary.refusedRows.append(RefusedRow(line: entry.line, problems: [conflict]))
                        summary.rejected += 1
                        continue
                    }
                    let changed = try Self.complete(existing, with: entry, stamp: stamp, at: date, in: db)
                    written?.add(keys, rowid: existing["rowid"])
                    if repeatsEarlierRow {
                        summary.duplicates += 1
                    } else if changed {
                        summary.updated += 1
                    } else {
                        summary.unchanged += 1
                    }
                } else {
                    try Self.insert(entry, folded: keys.folded, stamp: stamp, in: db)
                    written?.add(keys, rowid: db.lastInsertedRowID)
                    summary.imported += 1
                }
                seenInFile.insert(keys.identifying)
                if let identity = keys.identity, identityLines[identity] == nil { identityLines[identity] = entry.line }
                if (index + 1) % 10_000 == 0 { progress?(index + 1) }
            }
            try whenRead()
            try AuditLog.append(
                .rosterImport, staffID: staffID, record: nil,
                detail: "imported=\(summary.imported) updated=\(summary.updated) unchanged=\(summary.unchanged) duplicates=\(summary.duplicates) refused=\(summary.rejected)",
                at: date, in: db)
            return summary
        }
    }

    /// The person already on the roster (or written earlier by this import) that `person` is.
    private static func matchingPerson(
        _ person: Person, keys: PersonKeys, written: WrittenPeople?, in db: Database
    ) throws -> Row? {
        let birth = person.birthDate.stored
        if let number = person.identityNumber {
            let holders = try written.map { written in
                try rows(written.rowids(keys.identity!), in: db).filter { $0["identity_number"] == number }
            } ?? Row.fetchAll(
                db.cachedStatement(sql: "SELECT rowid, * FROM person WHERE identity_number = ?"), arguments: [number])
            if let row = holders.first { return row }
        }
        // Without a matching identity number: the same folded name and birth date, among people whose
        // identity number (if any) does not contradict, and whose phone (if both have one) agrees.
        let candidates = try written.map { written in
            try rows(written.rowids(keys.nameAndBirth), in: db).filter {
                $0["folded_name"] == keys.folded && $0["birth_date"] == birth
            }
        } ?? Row.fetchAll(
            db.cachedStatement(sql: "SELECT rowid, * FROM person WHERE folded_name = ? AND birth_date = ?"),
            arguments: [keys.folded, birth])
        let compatible = candidates.filter { row in
            let number: String? = row["identity_number"]
            let phone: String? = row["phone"]
            let identityAgrees = number == nil || person.identityNumber == nil || number == person.identityNumber
            let phoneAgrees = phone == nil || person.phone == nil || phone == person.phone
            return identityAgrees && phoneAgrees
        }
        return compatible.count == 1 ? compatible[0] : nil
    }

    private static func rows(_ rowids: [Int64], in db: Database) throws -> [Row] {
        try rowids.compactMap {
            try Row.fetchOne(db.cachedStatement(sql: "SELECT rowid, * FROM person WHERE rowid = ?"), arguments: [$0])
        }
    }

    /// A row whose identity number is already someone else's (another name, or a birth date that
    /// cannot be theirs) is refused, never merged: two people do not share a number, and a wrong row
    /// must not rename a person. `earlierLine`: the row of this file that gave the number first.
    private static func identityConflict(_ entry: RosterEntry, keys: PersonKeys, existing: Row, earlierLine: Int?) -> RosterProblem? {
        guard let number = entry.person.identityNumber, (existing["identity_number"] as String?) == number else { return nil }
        let name: String = existing["full_name"]
        let birth = BirthDate(stored: existing["birth_date"])
        let samePerson = existing["folded_name"] == keys.folded && birth.map(entry.person.birthDate.agrees(with:)) == true
        guard !samePerson else { return nil }
        let details = ["name": name, "birth": birth?.description ?? "", "line": earlierLine.map(String.init) ?? ""]
        return RosterProblem(column: "CCCD/CMND", value: number,
                             reason: earlierLine == nil ? .identityConflictOnRoster : .identityConflictInFile, details: details)
    }

    /// Fills what the roster lacks or the file corrects; adds prior doses not yet recorded.
    /// Returns whether anything changed. The name of a person with visits or doses stays as it is
    /// (a correction goes through the corrections path, audited); when anything else of such a
    /// person changes, their Patient goes to the centre again.
    private static func complete(_ row: Row, with entry: RosterEntry, stamp: String, at date: Date, in db: Database) throws -> Bool {
        let person = entry.person
        let id: String = row["id"]
        let hasRecords = try Bool.fetchOne(
            db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM visit WHERE person_id = ?1) OR EXISTS (SELECT 1 FROM prior_dose WHERE person_id = ?1)
                """),
            arguments: [id]) ?? false
        var updates: [(String, String?)] = [
            ("identity_number", person.identityNumber), ("phone", person.phone),
            ("address", person.address), ("commune", person.commune), ("priority_group", person.priorityGroup),
            ("insurance_number", person.insuranceNumber),
        ]
        // The same name (it folds the same: a match says so) may come written better, with the
        // diacritics an older list lacked; never worse, and never for a person with records.
        let stored: String = row["full_name"]
        if !hasRecords, Self.marks(person.fullName) > Self.marks(stored) { updates.insert(("full_name", person.fullName), at: 0) }
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
            if hasRecords, let uuid = UUID(uuidString: id) {
                try Outbox.append(RecordRef(.person, uuid), event: .personUpdated, at: date, in: db)
            }
        }
        for dose in entry.priorDoses {
            let known = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM prior_dose WHERE person_id = ? AND dose_number = ? AND product_code = ? AND given_on = ? AND voided IS NULL"),
                arguments: [id, dose.doseNumber, dose.productCode, dose.givenOn]) ?? false
            if !known {
                try insertPriorDose(dose, personID: id, source: "roster", stamp: stamp, in: db)
                changed = true
            }
        }
        return changed
    }

    /// How many letters of a name carry Vietnamese marks (ơ, ư, đ, tones…).
    private static func marks(_ name: String) -> Int {
        name.unicodeScalars.filter { !$0.isASCII }.count
    }

    private static func insert(_ entry: RosterEntry, folded: String, stamp: String, in db: Database) throws {
        try insertPerson(entry.person, folded: folded, source: .roster, stamp: stamp, in: db)
        for dose in entry.priorDoses {
            try insertPriorDose(dose, personID: entry.person.id.text, source: "roster", stamp: stamp, in: db)
        }
    }
}

/// The keys a person of an import is known by, as hashes (a look-up confirms any match on the real
/// values, so a collision costs one look-up, never a wrong match), with the name folded once.
private struct PersonKeys {
    let folded: String
    let identity: Int?
    let nameAndBirth: Int
    /// What identifies the person within one file: the identity number, or else the name and birth date.
    var identifying: Int { identity ?? nameAndBirth }

    init(_ person: Person) {
        folded = NameFolding.fold(person.fullName)
        var hasher = Hasher()
        hasher.combine(folded)
        hasher.combine(person.birthDate)
        nameAndBirth = hasher.finalize()
        identity = person.identityNumber.map { number in
            var hasher = Hasher()
            hasher.combine("id")
            hasher.combine(number)
            return hasher.finalize()
        }
    }
}

/// The people an import into an empty roster has written, by key, so that a later row naming one of
/// them finds it without the look-up indexes (built at the end). Most keys hold one person: the rare
/// second one goes to `more`.
private struct WrittenPeople {
    private var first: [Int: Int64] = [:]
    private var more: [Int: [Int64]] = [:]

    mutating func add(_ keys: PersonKeys, rowid: Int64) {
        if let identity = keys.identity { add(identity, rowid) }
        add(keys.nameAndBirth, rowid)
    }

    private mutating func add(_ key: Int, _ rowid: Int64) {
        guard let existing = first[key] else {
            first[key] = rowid
            return
        }
        if existing != rowid && !(more[key]?.contains(rowid) ?? false) { more[key, default: []].append(rowid) }
    }

    func rowids(_ key: Int) -> [Int64] {
        guard let existing = first[key] else { return [] }
        return [existing] + (more[key] ?? [])
    }
}
