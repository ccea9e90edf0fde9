import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// A person still waiting when the session closes leaves without a dose, recorded as such: from which
/// queue, why, and by whom, so that the report counts them and nobody vanishes from the day.
enum V16LeftWithoutDose: SchemaMigration {
    static let identifier = "v16-left-without-dose"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE visit ADD COLUMN left_from TEXT;
            ALTER TABLE visit ADD COLUMN left_reason TEXT;
            """)
    }
}
