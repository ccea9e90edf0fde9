import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// After a session is closed its records change only by amendment: what changed, from what, why, by whom.
enum V08Amendments: SchemaMigration {
    static let identifier = "v8-amendments"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE amendment (
                id TEXT PRIMARY KEY NOT NULL,
                session_id TEXT NOT NULL REFERENCES session(id),
                record_type TEXT NOT NULL,
                record_id TEXT NOT NULL,
                field TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT NOT NULL,
                reason TEXT NOT NULL,
                amended_by TEXT NOT NULL REFERENCES staff(id),
                amended_at TEXT NOT NULL
            );
            CREATE INDEX amendment_record ON amendment(record_id);
            """)
    }
}
