import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// Staff sign in with a PIN: its PBKDF2 hash, salt and rounds, and the count of wrong PINs in a row with the lock they earned.
enum V10StaffPINs: SchemaMigration {
    static let identifier = "v10-staff-pins"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE staff ADD COLUMN pin_hash TEXT;
            ALTER TABLE staff ADD COLUMN pin_salt TEXT;
            ALTER TABLE staff ADD COLUMN pin_rounds INTEGER;
            ALTER TABLE staff ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE staff ADD COLUMN locked_until TEXT;
            """)
    }
}
