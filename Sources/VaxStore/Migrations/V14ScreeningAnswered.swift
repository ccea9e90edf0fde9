import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// A screening keeps every item's answer ("Có" or "Không": what was asked, not only what was "Có"),
/// and why the vital signs were not taken when they were not. Screenings recorded before keep NULL:
/// only their "Có" items are known.
enum V14ScreeningAnswered: SchemaMigration {
    static let identifier = "v14-screening-answered"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE screening ADD COLUMN answered TEXT;
            ALTER TABLE screening ADD COLUMN vitals_not_taken TEXT;
            """)
    }
}
