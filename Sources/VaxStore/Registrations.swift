import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Files the registrations the centre gave for the days from `list.from` to `list.to`, in place of
    /// what the site held for those days: each person is found on the roster by their CCCD, else by
    /// their name and birth date, else added (as the centre's, read-only in the way pulled people are).
    /// Nothing goes to the outbox. How many registrations and how many people it added.
    @discardableResult
    public func fileRegistrations(_ list: RegistrationList, at date: Date) throws -> (registrations: Int, people: Int) {
        try write { db in
            let stamp = Self.stamp(date)
            try db.execute(sql: "DELETE FROM registration WHERE day >= ? AND day <= ?", arguments: [list.from, list.to])
            var people = 0
            for registration in list.registrations {
                guard let person = registration.person(id: UUID(uuidString: registration.id) ?? UUID()) else { continue }
                var personID = try Self.registeredPerson(person, in: db)
                if personID == nil {
                    try Self.insertPerson(person, source: .centre, stamp: stamp, in: db)
                    personID = person.id.text
                    people += 1
                }
                try db.execute(
                    sql: """
                        INSERT INTO registration (centre_id, person_id, day, slot, fetched_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(centre_id) DO UPDATE SET person_id = excluded.person_id, day = excluded.day,
                            slot = excluded.slot, fetched_at = excluded.fetched_at
                        """,
                    arguments: [registration.id, personID, registration.day, registration.slot, date])
            }
            return (list.registrations.count, people)
        }
    }

    /// The roster's record of a registered person: theirs by id (filed before), by CCCD, or by name and
    /// birth date; the record a merge kept.
    private static func registeredPerson(_ person: Person, in db: Database) throws -> String? {
        if let id = try String.fetchOne(db, sql: "SELECT COALESCE(merged_into, id) FROM person WHERE id = ?", arguments: [person.id.text]) {
            return id
        }
        if let number = person.identityNumber,
           let id = try String.fetchOne(db, sql: "SELECT id FROM person WHERE identity_number = ?", arguments: [number]) {
            return id
        }
        return try String.fetchOne(
            db, sql: "SELECT id FROM person WHERE folded_name = ? AND birth_date = ? AND merged_into IS NULL ORDER BY rowid LIMIT 1",
            arguments: [NameFolding.fold(person.fullName), person.birthDate.stored])
    }

    /// The open session's day, slot by slot: registered, and come (checked in to the session).
    static func slotAttendance(sessionID: String, day: String, in db: Database) throws -> [SlotAttendance] {
        try Row.fetchAll(db, sql: """
            SELECT g.slot, COUNT(*), COUNT(v.id) FROM registration g
            LEFT JOIN visit v ON v.person_id = g.person_id AND v.session_id = ?
            WHERE g.day = ? GROUP BY g.slot ORDER BY g.slot
            """, arguments: [sessionID, day]).map { SlotAttendance(slot: $0[0], registered: $0[1], arrived: $0[2]) }
    }

    /// The people registered for the session's day who did not come, by slot and name.
    static func noShows(sessionID: String, day: String, in db: Database) throws -> [SessionReport.Absent] {
        try Row.fetchAll(db, sql: """
            SELECT \(Person.columns("p")), g.slot FROM registration g JOIN person p ON p.id = g.person_id
            WHERE g.day = ? AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.person_id = g.person_id AND v.session_id = ?)
            ORDER BY g.slot, p.folded_name
            """, arguments: [day, sessionID]).map { row in
            let person = try Person(row: row)
            return SessionReport.Absent(name: person.fullName, birthDate: person.birthDate.description, slot: row[10], phone: person.phone)
        }
    }
}
