import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// Check-in decides which products may complete the series (NULL: any) and records the site lead's override of a dose refusal, so the injection desk and the audit see both.
enum V04VisitDoseRules: SchemaMigration {
    static let identifier = "v4-visit-dose-rules"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE visit ADD COLUMN allowed_products TEXT;
            ALTER TABLE visit ADD COLUMN override_reason TEXT;
            ALTER TABLE visit ADD COLUMN override_by TEXT REFERENCES staff(id);
            """)
    }
}
