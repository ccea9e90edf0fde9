import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// Every verified backup of the site database: where it went and what it holds, so that every desk
/// (the site lead's dashboard) can tell when the last good one was taken.
enum V13Backups: SchemaMigration {
    static let identifier = "v13-backups"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE backup (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                taken_at TEXT NOT NULL,
                path TEXT NOT NULL,
                bytes INTEGER NOT NULL,
                audit_rows INTEGER NOT NULL,
                people INTEGER NOT NULL,
                doses INTEGER NOT NULL,
                pending INTEGER NOT NULL
            );
            """)
    }
}
