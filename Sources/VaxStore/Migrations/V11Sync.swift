import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// Sync: an outbox row may be local (nothing for the centre) and keeps when it was sent; one process at a time holds the lease to push; the last outcome is kept for every desk to show.
enum V11Sync: SchemaMigration {
    static let identifier = "v11-sync"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE outbox_new (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                record_type TEXT NOT NULL,
                record_id TEXT NOT NULL,
                event TEXT NOT NULL,
                created_at TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'quarantined', 'local')),
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                sent_at TEXT
            );
            INSERT INTO outbox_new (seq, record_type, record_id, event, created_at, state, attempts, last_error)
                SELECT seq, record_type, record_id, event, created_at, state, attempts, last_error FROM outbox;
            DROP TABLE outbox;
            ALTER TABLE outbox_new RENAME TO outbox;
            CREATE INDEX outbox_pending ON outbox(state, seq);
            CREATE INDEX outbox_record ON outbox(record_id);
            CREATE TABLE sync_lease (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                holder TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );
            CREATE TABLE sync_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                last_success_at TEXT,
                last_attempt_at TEXT,
                last_error TEXT,
                next_attempt_at TEXT
            );
            INSERT INTO sync_state (id) VALUES (1);
            """)
    }
}
