import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Where a roster row came from.
    public enum PersonSource: String, Sendable {
        case roster, walkIn = "walk-in", demo
        /// Pulled from the centre: registered at another site of the catchment.
        case centre
    }

    /// Adds people and their prior doses to the roster in one transaction, without looking for them
    /// first (the demo roster, tests). `progress` is told how many are written every 10,000.
    public func insertRoster(
        _ entries: some Sequence<RosterEntry>, source: PersonSource, at date: Date,
        progress: ((Int) -> Void)? = nil
    ) throws {
        try writeRoster { db, _ in
            // Converted once: a Date becomes text through a formatter, too slow to run per row.
            let stamp = Self.stamp(date)
            var count = 0
            for entry in entries {
                try Self.insertPerson(entry.person, source: source, stamp: stamp, in: db)
                for dose in entry.priorDoses {
                    try Self.insertPriorDose(
                        dose, personID: entry.person.id.text, source: source.rawValue, stamp: stamp, in: db)
                }
                count += 1
                if count % 10_000 == 0 { progress?(count) }
            }
            if count % 10_000 != 0 { progress?(count) }
        }
    }

    public func rosterCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? 0 }
    }

    /// Finds people by name prefixes in any order (folded: "duc" finds "Đức") or by identity number.
    /// Whole-name matches come first, then names holding every typed word whole, then prefixes.
    ///
    /// Runs in two steps so that a one-letter query on a million names stays cheap: rank a few hundred
    /// candidates by their folded names alone, then read in full only the `limit` shown.
    public func searchRoster(_ query: RosterQuery, limit: Int = 50) throws -> [RosterMatch] {
        guard !query.isEmpty else { return [] }
        return try read { db in
            let candidates = try Self.candidates(query, count: limit * 4, in: db)
            let wanted = query.nameWords.joined(separator: " ")
            let chosen = candidates.map { rowid, folded -> (rank: Int, rowid: Int64) in
                if folded == wanted { return (0, rowid) }
                let words = Set(folded.split(separator: " ").map(String.init))
                return (words.isSuperset(of: query.nameWords) ? 1 : 2, rowid)
            }
            .enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .prefix(limit).map(\.element.rowid)
            return try Self.matches(rowids: Array(chosen), in: db)
        }
    }

    /// How many people `query` matches, counted up to `cap` (`cap + 1` means more): the match stops
    /// there, so that a one-letter query on a million names stays cheap.
    public func countRosterMatches(_ query: RosterQuery, cap: Int = RosterQuery.countCap) throws -> Int {
        guard !query.isEmpty else { return 0 }
        return try read { db in
            var sql = """
                SELECT COUNT(*) FROM (SELECT p.rowid
                FROM (SELECT rowid AS found FROM person_search WHERE person_search MATCH ? LIMIT ?) m
                JOIN person p ON p.rowid = m.found
                """
            var arguments: StatementArguments = [query.ftsExpression, query.birthYear == nil ? cap + 1 : -1]
            if let year = query.birthYear {
                sql += " WHERE substr(p.birth_date, 1, 4) = ?"
                arguments += [year.zeroPadded(4)]
            }
            return try Int.fetchOne(db.cachedStatement(sql: sql + " LIMIT ?)"), arguments: arguments + [cap + 1]) ?? 0
        }
    }

    /// The people of `rowids`, in that order, with their doses on record and today's ticket.
    static func matches(rowids: [Int64], in db: Database) throws -> [RosterMatch] {
        guard !rowids.isEmpty else { return [] }
        let session = try Self.openSession(db)
        let statement = try db.cachedStatement(sql: """
            SELECT \(Person.columns("p")), p.rowid,
                (SELECT COUNT(*) FROM prior_dose d WHERE d.person_id = p.id AND d.voided IS NULL)
                + (SELECT COUNT(*) FROM visit v JOIN injection i ON i.visit_id = v.id
                   WHERE v.person_id = p.id AND i.voided IS NULL),
                (SELECT ticket FROM visit v WHERE v.person_id = p.id AND v.session_id = ?),
                (SELECT slot FROM registration g WHERE g.person_id = p.id AND g.day = ? LIMIT 1)
            FROM person p WHERE p.rowid IN (SELECT value FROM json_each(?))
            """)
        let list = "[" + rowids.map(String.init).joined(separator: ",") + "]"
        let rows = try Row.fetchAll(statement, arguments: [session?.id.uuidString, session?.day, list])
        let byRowid = Dictionary(uniqueKeysWithValues: try rows.map { row in
            (row[10] as Int64, RosterMatch(person: try Person(row: row), dosesOnRecord: row[11], ticketToday: row[12],
                                           slotToday: row[13]))
        })
        return rowids.compactMap { byRowid[$0] }
    }

    /// Rowids and folded names of the people a query matches, at most `count`, in index order.
    private static func candidates(_ query: RosterQuery, count: Int, in db: Database) throws -> [(Int64, String)] {
        // The match runs first as a subquery; a join keeps SQLite from scanning the roster. With a
        // birth-year filter the match cannot stop early: the filter may drop most of it.
        var sql = """
            SELECT p.rowid, p.folded_name
            FROM (SELECT rowid AS found FROM person_search WHERE person_search MATCH ? LIMIT ?) m
            JOIN person p ON p.rowid = m.found
            """
        var arguments: StatementArguments = [query.ftsExpression, query.birthYear == nil ? count : -1]
        if let year = query.birthYear {
            sql += " WHERE substr(p.birth_date, 1, 4) = ?"
            arguments += [year.zeroPadded(4)]
        }
        let statement = try db.cachedStatement(sql: sql + " LIMIT ?")
        return try Row.fetchAll(statement, arguments: arguments + [count]).map { ($0[0], $0[1]) }
    }

    /// The doses a person has on record, oldest first: prior doses and those given at this site.
    public func doseHistory(personID: UUID) throws -> [PriorDose] {
        try read { db in try Self.doseHistory(personID: personID, in: db) }
    }

    static func doseHistory(personID: UUID, in db: Database) throws -> [PriorDose] {
        try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT dose_number, product_code, given_on, place FROM prior_dose WHERE person_id = ?1 AND voided IS NULL
                UNION ALL
                SELECT i.dose_number, i.product_code, s.day, si.name FROM injection i
                    JOIN visit v ON v.id = i.visit_id JOIN session s ON s.id = v.session_id JOIN site si ON si.id = s.site_id
                    WHERE v.person_id = ?1 AND i.voided IS NULL
                ORDER BY 1, 3
                """),
            arguments: [personID.uuidString]
        ).map { PriorDose(doseNumber: $0[0], productCode: $0[1], givenOn: $0[2], place: $0[3]) }
    }

    public func addPriorDose(_ dose: PriorDose, personID: UUID, source: String, at date: Date) throws {
        try write { db in
            try Self.insertPriorDose(dose, personID: personID.uuidString, source: source, stamp: Self.stamp(date), in: db)
        }
    }
}

extension AppDatabase {
    /// The first `count` people of the roster, in the order they were added.
    public func rosterPeople(first count: Int) throws -> [Person] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Person.columns("p")) FROM person p ORDER BY p.rowid LIMIT ?", arguments: [count]
            ).map { try Person(row: $0) }
        }
    }
}
