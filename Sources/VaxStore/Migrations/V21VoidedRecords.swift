import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// A record entered in error (a dose on the wrong person, one never given) is voided, never deleted:
/// the row stays, marked, and leaves every count; a voided injection's dose is wasted (drawn, given to
/// nobody) or returned (never drawn). Who voided it, when and why is kept beside.
enum V21VoidedRecords: SchemaMigration {
    static let identifier = "v21-voided-records"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE injection ADD COLUMN voided TEXT CHECK (voided IN ('wasted', 'returned'));
            ALTER TABLE screening ADD COLUMN voided TEXT CHECK (voided = 'voided');
            ALTER TABLE prior_dose ADD COLUMN voided TEXT CHECK (voided = 'voided');
            CREATE TABLE void_record (
                id TEXT PRIMARY KEY NOT NULL,
                record_type TEXT NOT NULL,
                record_id TEXT NOT NULL UNIQUE,
                reason TEXT NOT NULL,
                dose_fate TEXT,
                voided_by TEXT NOT NULL REFERENCES staff(id),
                voided_at TEXT NOT NULL
            );
            """)
    }
}
