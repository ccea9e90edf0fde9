import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// Prefix indexes up to six characters: a typed word of four to six letters ("tran", "thanh", "nguyen") otherwise makes FTS5 merge the whole doclist of every matching term, 10 ms and more on a million names.
enum V05SearchPrefixesToSix: SchemaMigration {
    static let identifier = "v5-search-prefixes-to-six"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER person_search_insert;
            DROP TRIGGER person_search_update;
            DROP TRIGGER person_search_delete;
            DROP TABLE person_search;
            CREATE VIRTUAL TABLE person_search USING fts5(
                folded_name, search_digits, content='person', content_rowid='rowid', tokenize='unicode61',
                prefix='1 2 3 4 5 6'
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
}
