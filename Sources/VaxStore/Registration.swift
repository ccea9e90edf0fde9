import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// People already on the roster who may be the person about to be registered: the same identity
    /// number; the same folded name and birth year (a year-only date, or a day typed wrong, still
    /// matches); or the same phone and birth year. The nurse looks before a second record is made.
    public func possibleDuplicates(of person: Person, limit: Int = 20) throws -> [RosterMatch] {
        try read { db in
            let year = person.birthDate.year.zeroPadded(4)
            let rowids = try Int64.fetchAll(
                db.cachedStatement(sql: """
                    SELECT rowid FROM person WHERE identity_number = ?1
                    UNION SELECT rowid FROM person WHERE folded_name = ?2 AND substr(birth_date, 1, 4) = ?3
                    UNION SELECT rowid FROM person WHERE phone = ?4 AND substr(birth_date, 1, 4) = ?3 AND merged_into IS NULL
                    LIMIT ?5
                    """),
                arguments: [person.identityNumber, NameFolding.fold(person.fullName), year, person.phone, limit])
            return try Self.matches(rowids: rowids, in: db)
        }
    }

    /// Adds a walk-in to the roster: a clinical event (outbox and audit), since the person's record goes to
    /// the central service with their doses. An identity number already on the roster is refused here
    /// too, so two desks registering the same card at once make one record.
    public func registerWalkIn(_ person: Person, by staffID: UUID, at date: Date) throws {
        try commitEvent(.registration, by: staffID, at: date) { db in
            if let number = person.identityNumber,
               try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE identity_number = ?", arguments: [number]) != nil
            {
                throw VisitError.identityNumberOnRoster
            }
            try Self.insertPerson(person, source: .walkIn, stamp: Self.stamp(date), in: db)
            return (RecordRef(.person, person.id), ())
        }
    }
}
