import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// What WHO's AEFI form asks that the record lacked: a case number, the person's medical history, how
/// to reach the reporter. A serious event is sent to the centre ahead of every other record: the outbox
/// has a priority, read before the order of commits.
enum V23AdverseEventReport: SchemaMigration {
    static let identifier = "v23-aefi-report"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE aefi ADD COLUMN case_number TEXT;
            ALTER TABLE aefi ADD COLUMN medical_history TEXT;
            ALTER TABLE aefi ADD COLUMN reporter_contact TEXT;
            CREATE UNIQUE INDEX aefi_case_number ON aefi(case_number) WHERE case_number IS NOT NULL;
            ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX outbox_pending_priority ON outbox(priority DESC, seq) WHERE state = 'pending';
            """)
    }
}
