import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// A desk that calls a person claims them (screening, injection): who, from which process, since when,
/// so that two desks never work on one person and one loses what was typed.
enum V15VisitClaims: SchemaMigration {
    static let identifier = "v15-visit-claims"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE visit ADD COLUMN claimed_by TEXT;
            ALTER TABLE visit ADD COLUMN claim_holder TEXT;
            ALTER TABLE visit ADD COLUMN claimed_at TEXT;
            """)
    }
}
