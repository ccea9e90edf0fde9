import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// Search by the last digits of an identity or phone number: the numbers reversed, in the search index beside the folded name, so "last digits" becomes an FTS prefix query.
enum V03SearchDigits: SchemaMigration {
    static let identifier = "v3-search-digits"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER person_search_insert;
            DROP TRIGGER person_search_update;
            DROP TRIGGER person_search_delete;
            DROP TABLE person_search;
            ALTER TABLE person ADD COLUMN search_digits TEXT NOT NULL DEFAULT '';
            """)
        let rows = try Row.fetchAll(db, sql: "SELECT rowid, identity_number, phone FROM person")
        let update = try db.makeStatement(sql: "UPDATE person SET search_digits = ? WHERE rowid = ?")
        for row in rows {
            try update.execute(arguments: [reversedDigits(row[1], row[2]), row[0] as Int64])
        }
        try db.execute(sql: """
            CREATE VIRTUAL TABLE person_search USING fts5(
                folded_name, search_digits, content='person', content_rowid='rowid', tokenize='unicode61',
                prefix='1 2 3'
            );
            INSERT INTO person_search(person_search) VALUES ('rebuild');
            CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
                INSERT INTO person_search(rowid, folded_name, search_digits)
                    VALUES (new.rowid, new.folded_name, new.search_digits);
            END;
            CREATE TRIGGER person_search_update AFTER UPDATE OF folded_name, search_digits ON person BEGIN
                INSERT INTO person_search(person_search, rowid, folded_name, search_digits)
                    VALUES ('delete', old.rowid, old.folded_name, old.search_digits);
                INSERT INTO person_search(rowid, folded_name, search_digits)
                    VALUES (new.rowid, new.folded_name, new.search_digits);
            END;
            CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
                INSERT INTO person_search(person_search, rowid, folded_name, search_digits)
                    VALUES ('delete', old.rowid, old.folded_name, old.search_digits);
            END;
            """)
    }

    /// The identity number and the phone, each reversed, as v3 stored them (the store's `SearchDigits`
    /// does the same today, but this migration must not change if that code does).
    private static func reversedDigits(_ identityNumber: String?, _ phone: String?) -> String {
        [identityNumber, phone].compactMap { $0.map { String(decoding: $0.utf8.reversed(), as: UTF8.self) } }
            .joined(separator: " ")
    }
}
