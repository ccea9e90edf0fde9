import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// The vital signs taken at screening, beside the answers they may have set.
enum V06ScreeningVitals: SchemaMigration {
    static let identifier = "v6-screening-vitals"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE screening ADD COLUMN temperature REAL;
            ALTER TABLE screening ADD COLUMN pulse INTEGER;
            ALTER TABLE screening ADD COLUMN systolic INTEGER;
            ALTER TABLE screening ADD COLUMN diastolic INTEGER;
            ALTER TABLE screening ADD COLUMN respiratory_rate INTEGER;
            """)
    }
}
