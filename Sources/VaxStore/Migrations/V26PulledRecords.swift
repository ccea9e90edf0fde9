import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// What the site pulls from the centre: the doses other sites gave (kept among the prior doses, so that
/// the dose rules, the last look and the certificate see them; marked with the site that gave them and
/// their record id at the centre, read-only here and never sent back), and where the pull stands.
enum V26PulledRecords: SchemaMigration {
    static let identifier = "v26-pulled-records"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE prior_dose ADD COLUMN pulled_from TEXT;
            ALTER TABLE prior_dose ADD COLUMN centre_id TEXT;
            CREATE UNIQUE INDEX prior_dose_centre_id ON prior_dose(centre_id) WHERE centre_id IS NOT NULL;
            CREATE TABLE pull_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                cursor TEXT NOT NULL,
                pulled_at DATETIME NOT NULL,
                people INTEGER NOT NULL,
                doses INTEGER NOT NULL
            );
            """)
    }
}
