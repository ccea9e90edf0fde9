import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// Whether the site was made by `vaxdesk demo`: only such a site may be filled with simulated people
/// and doses, or deleted without asking twice. A site that existed before is a real one.
enum V17DemoSite: SchemaMigration {
    static let identifier = "v17-demo-site"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE site ADD COLUMN demo INTEGER NOT NULL DEFAULT 0")
    }
}
