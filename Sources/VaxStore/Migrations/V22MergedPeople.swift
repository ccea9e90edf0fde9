import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// The same person twice on a roster is merged: one record keeps every dose, the other stays, marked
/// as merged into it (never deleted).
enum V22MergedPeople: SchemaMigration {
    static let identifier = "v22-merged-people"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE person ADD COLUMN merged_into TEXT REFERENCES person(id);
            ALTER TABLE person ADD COLUMN merged_at TEXT;
            """)
    }
}
