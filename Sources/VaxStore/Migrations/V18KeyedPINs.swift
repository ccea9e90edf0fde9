import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// Whether a PIN's hash was made with the site's key (`SiteKey`, a file beside the database): such a
/// hash cannot be checked, nor its PIN guessed, from the database alone. Older hashes are made again
/// with the key at their next right sign-in.
enum V18KeyedPINs: SchemaMigration {
    static let identifier = "v18-keyed-pins"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE staff ADD COLUMN pin_keyed INTEGER NOT NULL DEFAULT 0")
    }
}
