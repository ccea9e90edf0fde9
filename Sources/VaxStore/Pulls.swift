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
    /// pages resumes from the last page filed, and a page filed twice changes nothing. People the roster
    /// lacks are added (under their id, or found by their CCCD when the roster has them under another);
    /// doses are kept with the site that gave them, and a dose voided there is voided here. Nothing of it
    /// goes to the outbox: it is the centre's already. Answers the people and doses it added.
    @discardableResult
    public func filePull(_ records: [PulledRecord], cursor: String, at date: Date) throws -> (people: Int, doses: Int) {
        try write { db in
            let stamp = Self.stamp(date)
            var people = 0, doses = 0
            // The centre's person id → the local person, for people the roster holds under another id.
            var local: [UUID: String] = [:]
            for record in records {
                switch record {
                case .person(let person):
                    if let source = try String.fetchOne(db, sql: "SELECT source FROM person WHERE id = ?", arguments: [person.id.text]) {
                        // A person pulled before follows the site that owns them (a correction there);
                        // one of this site's own records is this site's to correct.
                        if source == PersonSource.centre.rawValue { try Self.updatePulledPerson(person, in: db) }
                        continue
                    }
                    if let number = person.identityNumber,
                       let id = try String.fetchOne(db, sql: "SELECT id FROM person WHERE identity_number = ?", arguments: [number])
                    {
                        local[person.id] = id
                        continue
                    }
                    try Self.insertPerson(person, source: .centre, stamp: stamp, in: db)
                    people += 1
                case .dose(let pulled):
                    let personID = local[pulled.personID] ?? pulled.personID.text
                    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE id = ?", arguments: [personID]) == true else { continue }
                    let existing = try Row.fetchOne(db, sql: "SELECT id FROM prior_dose WHERE centre_id = ?", arguments: [pulled.id])
                    if existing != nil {
                        try db.execute(
                            sql: """
                                UPDATE prior_dose SET person_id = ?, dose_number = ?, product_code = ?, given_on = ?, lot_number = ?,
                                    place = ?, pulled_from = ?, voided = ? WHERE centre_id = ?
                                """,
                            arguments: [personID, pulled.dose.doseNumber, pulled.dose.productCode, pulled.dose.givenOn,
                                        pulled.lotNumber, pulled.dose.place, pulled.site, pulled.enteredInError ? "voided" : nil, pulled.id])
                    } else if !pulled.enteredInError {
                        try db.execute(
                            sql: """
                                INSERT INTO prior_dose (id, person_id, dose_number, product_code, given_on, lot_number, place, source,
                                    recorded_at, pulled_from, centre_id)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [UUID.timeOrdered().text, personID, pulled.dose.doseNumber, pulled.dose.productCode,
                                        pulled.dose.givenOn, pulled.lotNumber, pulled.dose.place, "centre: " + pulled.site, stamp,
                                        pulled.site, pulled.id])
                        doses += 1
                    }
                case .skipped:
                    continue
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO pull_state (id, cursor, pulled_at, people, doses) VALUES (1, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET cursor = excluded.cursor, pulled_at = excluded.pulled_at,
                        people = people + excluded.people, doses = doses + excluded.doses
                    """,
                arguments: [cursor, date, people, doses])
            return (people, doses)
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
