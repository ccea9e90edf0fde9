import Foundation
import GRDB
import VaxCore

/// Writing people and their prior doses: one statement each, shared by the demo roster, the roster
/// import and the desks. Cached, so a million rows prepare it once.
extension AppDatabase {
    /// A date as GRDB stores it (`yyyy-MM-dd HH:mm:ss.SSS`), made once for a whole import: formatting a
    /// date costs more than a row's insert.
    static func stamp(_ date: Date) -> String {
        String.fromDatabaseValue(date.databaseValue)!
    }

    /// `folded` is the folded name when the caller already has it.
    static func insertPerson(
        _ person: Person, folded: String? = nil, source: PersonSource, stamp: String, in db: Database
    ) throws {
        let insert = RawInsert(try db.cachedStatement(sql: """
            INSERT INTO person (id, full_name, folded_name, birth_date, sex, identity_number, phone,
                address, commune, priority_group, insurance_number, search_digits, source, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """), in: db)
        insert.bind(1, person.id.text)
        insert.bind(2, person.fullName)
        insert.bind(3, folded ?? NameFolding.fold(person.fullName))
        insert.bind(4, person.birthDate.stored)
        insert.bind(5, person.sex.rawValue)
        insert.bind(6, person.identityNumber)
        insert.bind(7, person.phone)
        insert.bind(8, person.address)
        insert.bind(9, person.commune)
        insert.bind(10, person.priorityGroup)
        insert.bind(11, person.insuranceNumber)
        insert.bind(12, SearchDigits.of(identityNumber: person.identityNumber, phone: person.phone))
        insert.bind(13, source.rawValue)
        insert.bind(14, stamp)
        try insert.run()
    }

    static func insertPriorDose(
        _ dose: PriorDose, personID: String, source: String, stamp: String, in db: Database
    ) throws {
        let insert = RawInsert(try db.cachedStatement(sql: """
            INSERT INTO prior_dose (id, person_id, dose_number, product_code, given_on, source, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """), in: db)
        insert.bind(1, UUID.timeOrdered().text)
        insert.bind(2, personID)
        insert.bind(3, dose.doseNumber)
        insert.bind(4, dose.productCode)
        insert.bind(5, dose.givenOn)
        insert.bind(6, source)
        insert.bind(7, stamp)
        try insert.run()
    }

    /// Writes many people in one transaction. Into an empty roster (`bulk`), the roster's indexes and
    /// the triggers that feed its search index are dropped first and put back at the end, exactly as the
    /// schema had them (read from `sqlite_master`), with the search index rebuilt once from the whole
    /// table: several times faster than keeping them up to date row by row.
    func writeRoster<T>(_ body: (Database, _ bulk: Bool) throws -> T) throws -> T {
        try write { db in
            // A big transaction would spill pages to the WAL as it goes with the default 2 MB cache; a
            // million people and their doses take some 450 MB of tables (the cache grows only as used).
            try db.execute(sql: "PRAGMA cache_size = -524288")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let bulk = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") == 0
            guard bulk else { return try body(db, false) }
            let dropped = try Row.fetchAll(db, sql: """
                SELECT type, name, sql FROM sqlite_master
                WHERE tbl_name = 'person' AND type IN ('index', 'trigger') AND sql IS NOT NULL
                ORDER BY type DESC, name
                """)
            for row in dropped {
                try db.execute(sql: "DROP \((row["type"] as String).uppercased()) \((row["name"] as String).quotedDatabaseIdentifier)")
            }
            let result = try body(db, true)
            // The same definitions, then the search index from the whole roster.
            for row in dropped { try db.execute(sql: row["sql"]) }
            try db.execute(sql: "INSERT INTO person_search(person_search) VALUES ('rebuild')")
            return result
        }
    }
}
