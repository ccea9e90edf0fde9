import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// An adverse event's outcome (WHO's AEFI form; FHIR adverse-event-outcome codes) and when it was
/// recorded: a serious event's observation ends with a referral or an outcome.
enum V19AdverseEventOutcome: SchemaMigration {
    static let identifier = "v19-aefi-outcome"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE aefi ADD COLUMN outcome TEXT;
            ALTER TABLE aefi ADD COLUMN outcome_at TEXT;
            """)
    }
}
