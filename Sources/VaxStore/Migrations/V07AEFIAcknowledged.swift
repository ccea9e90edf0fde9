import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// A serious adverse event alerts every desk until the site lead acknowledges it.
enum V07AEFIAcknowledged: SchemaMigration {
    static let identifier = "v7-aefi-acknowledged"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE aefi ADD COLUMN acknowledged_at TEXT;
            ALTER TABLE aefi ADD COLUMN acknowledged_by TEXT REFERENCES staff(id);
            """)
    }
}
