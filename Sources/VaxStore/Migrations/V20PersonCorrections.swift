import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// A person's record is corrected field by field, each correction kept with the old value, the new
/// one, why and by whom: the history shown on the person, and nothing of the record lost.
enum V20PersonCorrections: SchemaMigration {
    static let identifier = "v20-person-corrections"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE person_correction (
                id TEXT PRIMARY KEY NOT NULL,
                person_id TEXT NOT NULL REFERENCES person(id),
                field TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT,
                reason TEXT NOT NULL,
                corrected_by TEXT NOT NULL REFERENCES staff(id),
                corrected_at TEXT NOT NULL
            );
            CREATE INDEX person_correction_person ON person_correction(person_id, corrected_at);
            """)
    }
}
