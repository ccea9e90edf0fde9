import Foundation
import GRDB
import VaxCore

/// Where the site's pull from the centre stands, for the dashboard and the next pull.
public struct PullState: Hashable, Sendable {
    public var cursor: String
    public var pulledAt: Date
    /// People and doses the pulls brought, in all.
    public var people: Int
    public var doses: Int
}

extension AppDatabase {
    /// Files one page of a pull in one transaction, with the cursor it reached: a pull cut between
    /// pages resumes from the last page filed, and a page filed twice changes nothing. Nothing of it goes
    /// to the outbox: it is the centre's already. Answers the people and doses it added.
    @discardableResult
    public func filePull(_ records: [PulledRecord], cursor: String, at date: Date) throws -> (people: Int, doses: Int) {
        try write { db in
            let filed = try Self.file(records, at: date, in: db)
            try db.execute(
                sql: """
                    INSERT INTO pull_state (id, cursor, pulled_at, people, doses) VALUES (1, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET cursor = excluded.cursor, pulled_at = excluded.pulled_at,
                        people = people + excluded.people, doses = doses + excluded.doses
                    """,
                arguments: [cursor, date, filed.people, filed.doses])
            return filed
        }
    }

    /// Files records the centre gave: people the roster lacks are added (under their id, or found by
    /// their CCCD when the roster has them under another, and remembered so); doses are kept with the
    /// site that gave them, on the local record, and a dose voided there is voided here.
    /// `mayHoldOwn`: the records may include this site's own (a look-up's answer).
    static func file(_ records: [PulledRecord], mayHoldOwn: Bool = false, at date: Date, in db: Database) throws
        -> (people: Int, doses: Int)
    {
        let stamp = Self.stamp(date)
        var people = 0, doses = 0
        for record in records {
            switch record {
            case .person(let person):
                if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT source, merged_into FROM person WHERE id = ?"),
                                              arguments: [person.id.text]) {
                    // A person pulled before follows the site that owns them (a correction there);
                    // one of this site's own records is this site's to correct, and a copy merged here
                    // is no one.
                    if row["source"] == PersonSource.centre.rawValue, row["merged_into"] as String? == nil {
                        try Self.updatePulledPerson(person, in: db)
                    }
                    continue
                }
                // Known here under another record (its CCCD, or a merge): that record is the person.
                if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM pulled_person WHERE centre_id = ?"),
                                     arguments: [person.id.text]) == true {
                    continue
                }
                if let number = person.identityNumber,
                   let id = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM person WHERE identity_number = ?"),
                                                arguments: [number])
                {
                    try db.cachedStatement(sql: "INSERT OR REPLACE INTO pulled_person (centre_id, person_id) VALUES (?, ?)")
                        .execute(arguments: [person.id.text, id])
                    continue
                }
                try Self.insertPerson(person, source: .centre, stamp: stamp, in: db)
                people += 1
            case .dose(let pulled):
                // This site's own record, as the centre holds it (a look-up answers every site's; a pull
                // never does): it is here already.
                if mayHoldOwn, try Bool.fetchOne(db.cachedStatement(sql: """
                    SELECT 1 FROM injection WHERE id = ?1 UNION ALL SELECT 1 FROM prior_dose WHERE id = ?1 AND pulled_from IS NULL
                    """), arguments: [pulled.id]) == true { continue }
                // The local record: the one the centre's id is known under here, or its own; the record
                // it was merged into here, if it was.
                guard let personID = try String.fetchOne(db.cachedStatement(sql: """
                    SELECT COALESCE(merged_into, id) FROM person
                    WHERE id = COALESCE((SELECT person_id FROM pulled_person WHERE centre_id = ?1), ?1)
                    """), arguments: [pulled.personID.text]) else { continue }
                try db.cachedStatement(sql: """
                    UPDATE prior_dose SET person_id = ?, dose_number = ?, product_code = ?, given_on = ?, lot_number = ?,
                        place = ?, pulled_from = ?, voided = ? WHERE centre_id = ?
                    """).execute(arguments: [
                        personID, pulled.dose.doseNumber, pulled.dose.productCode, pulled.dose.givenOn,
                        pulled.lotNumber, pulled.dose.place, pulled.site, pulled.enteredInError ? "voided" : nil, pulled.id])
                if db.changesCount == 0, !pulled.enteredInError {
                    try db.cachedStatement(sql: """
                            INSERT INTO prior_dose (id, person_id, dose_number, product_code, given_on, lot_number, place, source,
                                recorded_at, pulled_from, centre_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """).execute(arguments: [
                                UUID.timeOrdered().text, personID, pulled.dose.doseNumber, pulled.dose.productCode,
                                    pulled.dose.givenOn, pulled.lotNumber, pulled.dose.place, "centre: " + pulled.site, stamp,
                                    pulled.site, pulled.id])
                    doses += 1
                }
            case .merged(let gone, let kept):
                try Self.fileMerge(gone, into: kept, at: date, in: db)
            case .skipped:
                continue
            }
        }
        return (people, doses)
    }

    /// A record merged into another (at its site, or by an officer at the centre): this site keeps one
    /// person where the centre does. The doses pulled later under either id go to the record kept here;
    /// when both records are here and one is only a copy pulled from the centre (no visit here), the
    /// copy is merged into the other, whichever the centre kept: a site's own record stays its own,
    /// since it goes on sending it. Two records of this site's own stay two, for the site lead to merge
    /// by hand (`vaxdesk person duplicates`), their records then going to the centre again.
    private static func fileMerge(_ gone: UUID, into kept: UUID, at date: Date, in db: Database) throws {
        func local(_ id: UUID) throws -> String? {
            let mapped = try String.fetchOne(db, sql: "SELECT person_id FROM pulled_person WHERE centre_id = ?", arguments: [id.text])
                ?? id.text
            return try String.fetchOne(db, sql: "SELECT COALESCE(merged_into, id) FROM person WHERE id = ?", arguments: [mapped])
        }
        func isCopy(_ id: String) throws -> Bool {
            try String.fetchOne(db, sql: "SELECT source FROM person WHERE id = ?", arguments: [id]) == PersonSource.centre.rawValue
                && Bool.fetchOne(db, sql: "SELECT 1 FROM visit WHERE person_id = ?", arguments: [id]) != true
        }
        let (goneHere, keptHere) = (try local(gone), try local(kept))
        var survivor: String, copy: String?
        switch (goneHere, keptHere) {
        case (nil, nil): return
        case (nil, let kept?): survivor = kept
        case (let gone?, nil): survivor = gone
        case (let gone?, let kept?) where gone == kept: survivor = kept
        case (let gone?, let kept?):
            if try isCopy(gone) {
                (survivor, copy) = (kept, gone)
            } else if try isCopy(kept) {
                (survivor, copy) = (gone, kept)
            } else {
                return
            }
        }
        for id in [gone, kept] where id.text != survivor {
            try db.execute(sql: "INSERT OR REPLACE INTO pulled_person (centre_id, person_id) VALUES (?, ?)", arguments: [id.text, survivor])
        }
        guard let copy else { return }
        try Self.markMerged(copy, into: survivor, at: date, in: db)
    }

    /// Takes onto the roster a person the centre holds under a CCCD the roster lacked (the nurse's one
    /// key at check-in), with the doses other sites gave them: filed as a pull files them, read-only here
    /// and never sent back, and audited. A desk that took the same person a moment before leaves one
    /// record: the person as the roster holds them now is the answer.
    public func acceptFromCentre(_ found: CentreLookup.Found, by staffID: UUID, at date: Date) throws -> Person {
        try write { db in
            try Self.requirePermission(.registerWalkIn, by: staffID, in: db)
            let filed = try Self.file(found.records, mayHoldOwn: true, at: date, in: db)
            let id = try String.fetchOne(db, sql: "SELECT person_id FROM pulled_person WHERE centre_id = ?",
                                         arguments: [found.person.id.text]) ?? found.person.id.text
            guard let uuid = UUID(uuidString: id), let person = try Self.person(id: uuid, in: db) else {
                throw VisitError.notFound(.person)
            }
            try AuditLog.append(.personFromCentre, staffID: staffID, record: RecordRef(.person, uuid),
                                detail: "\(found.doses.count) doses, \(filed.doses) new", at: date, in: db)
            return person
        }
    }

    /// A pulled person as the owning site has them now. The roster's number is never taken from another
    /// person here: a CCCD another record holds stays that record's.
    private static func updatePulledPerson(_ person: Person, in db: Database) throws {
        let taken = try person.identityNumber.map {
            try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE identity_number = ? AND id <> ?", arguments: [$0, person.id.text]) ?? false
        } ?? false
        let number = taken ? nil : person.identityNumber
        try db.execute(
            sql: """
                UPDATE person SET full_name = ?, folded_name = ?, birth_date = ?, sex = ?,
                    identity_number = COALESCE(?, identity_number), phone = ?, address = ?, commune = ?, search_digits = ?
                WHERE id = ?
                """,
            arguments: [person.fullName, NameFolding.fold(person.fullName), person.birthDate.stored, person.sex.rawValue, number,
                        person.phone, person.address, person.commune,
                        SearchDigits.of(identityNumber: number ?? person.identityNumber, phone: person.phone), person.id.text])
    }

    /// Where the pull stands; nil before the first.
    public func pullState() throws -> PullState? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM pull_state WHERE id = 1").map {
                PullState(cursor: $0["cursor"], pulledAt: $0["pulled_at"], people: $0["people"], doses: $0["doses"])
            }
        }
    }
}
