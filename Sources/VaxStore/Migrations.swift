import GRDB

/// The schema, as SQL. A migration never changes once it has shipped: a new need is a new migration.
enum Migrations {
    /// The triggers that keep the search index in step with the roster, one row at a time (from v3 on:
    /// the folded name and the reversed digits). A first import into an empty roster drops them, loads,
    /// rebuilds the index once and puts them back.
    static let personSearchTriggers = """
        CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
            INSERT INTO person_search(rowid, folded_name, search_digits)
                VALUES (new.rowid, new.folded_name, new.search_digits);
        END;
        CREATE TRIGGER person_search_update AFTER UPDATE OF folded_name, search_digits ON person BEGIN
            INSERT INTO person_search(person_search, rowid, folded_name, search_digits)
                VALUES ('delete', old.rowid, old.folded_name, old.search_digits);
            INSERT INTO person_search(rowid, folded_name, search_digits)
                VALUES (new.rowid, new.folded_name, new.search_digits);
        END;
        CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
            INSERT INTO person_search(person_search, rowid, folded_name, search_digits)
                VALUES ('delete', old.rowid, old.folded_name, old.search_digits);
        END;
        """

    /// The indexes by which a roster import finds people already there (a bulk import drops them and
    /// builds them again at the end).
    static let personLookupIndexes: [(name: String, on: String)] = [
        ("person_identity_number", "person(identity_number)"), ("person_phone", "person(phone)"),
        ("person_name_birth", "person(folded_name, birth_date)"),
    ]

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1-site-store") { db in
            try db.execute(sql: v1)
        }
        // Roster import matches people without an identity number by folded name and birth date.
        migrator.registerMigration("v2-person-name-birth-index") { db in
            try db.execute(sql: "CREATE INDEX person_name_birth ON person(folded_name, birth_date)")
        }
        // Search by the last digits of an identity or phone number: the numbers reversed, in the
        // search index beside the folded name, so "last digits" becomes an FTS prefix query.
        migrator.registerMigration("v3-search-digits") { db in
            try dropPersonSearch(in: db)
            try db.execute(sql: "ALTER TABLE person ADD COLUMN search_digits TEXT NOT NULL DEFAULT ''")
            let rows = try Row.fetchAll(db, sql: "SELECT rowid, identity_number, phone FROM person")
            let update = try db.makeStatement(sql: "UPDATE person SET search_digits = ? WHERE rowid = ?")
            for row in rows {
                try update.execute(arguments: [SearchDigits.of(identityNumber: row[1], phone: row[2]), row[0] as Int64])
            }
            try createPersonSearch(prefixes: "1 2 3", in: db)
        }
        // Check-in decides which products may complete the series (NULL: any) and records the site
        // lead's override of a dose refusal, so the injection desk and the audit see both.
        migrator.registerMigration("v4-visit-dose-rules") { db in
            try db.execute(sql: """
                ALTER TABLE visit ADD COLUMN allowed_products TEXT;
                ALTER TABLE visit ADD COLUMN override_reason TEXT;
                ALTER TABLE visit ADD COLUMN override_by TEXT REFERENCES staff(id);
                """)
        }
        // Prefix indexes up to six characters: a typed word of four to six letters ("tran", "thanh",
        // "nguyen") otherwise makes FTS5 merge the whole doclist of every matching term, 10 ms and
        // more on a million names; with its own prefix index it reads only the first rows it needs.
        migrator.registerMigration("v5-search-prefixes-to-six") { db in
            try dropPersonSearch(in: db)
            try createPersonSearch(prefixes: "1 2 3 4 5 6", in: db)
        }
        // The vital signs taken at screening, beside the answers they may have set.
        migrator.registerMigration("v6-screening-vitals") { db in
            try db.execute(sql: """
                ALTER TABLE screening ADD COLUMN temperature REAL;
                ALTER TABLE screening ADD COLUMN pulse INTEGER;
                ALTER TABLE screening ADD COLUMN systolic INTEGER;
                ALTER TABLE screening ADD COLUMN diastolic INTEGER;
                ALTER TABLE screening ADD COLUMN respiratory_rate INTEGER;
                """)
        }
        // A serious adverse event alerts every desk until the site lead acknowledges it.
        migrator.registerMigration("v7-aefi-acknowledged") { db in
            try db.execute(sql: """
                ALTER TABLE aefi ADD COLUMN acknowledged_at TEXT;
                ALTER TABLE aefi ADD COLUMN acknowledged_by TEXT REFERENCES staff(id);
                """)
        }
        // After a session is closed its records change only by amendment: what changed, from what, why, by whom.
        migrator.registerMigration("v8-amendments") { db in
            try db.execute(sql: """
                CREATE TABLE amendment (
                    id TEXT PRIMARY KEY NOT NULL,
                    session_id TEXT NOT NULL REFERENCES session(id),
                    record_type TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    field TEXT NOT NULL,
                    old_value TEXT,
                    new_value TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    amended_by TEXT NOT NULL REFERENCES staff(id),
                    amended_at TEXT NOT NULL
                );
                CREATE INDEX amendment_record ON amendment(record_id);
                """)
        }
        // The audit trail becomes a hash chain, and its rows can no longer be changed or removed.
        migrator.registerMigration("v9-audit-chain") { db in
            try db.execute(sql: "ALTER TABLE audit ADD COLUMN hash TEXT")
            var previous = ""
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq")
            for (index, row) in rows.enumerated() {
                // Renumbered from 1 so that the chain has no gap; stamps kept as stored.
                var fields = AuditLog.Fields(row: row)
                let oldSeq = fields.seq
                fields.seq = Int64(index + 1)
                previous = fields.hash(after: previous)
                try db.execute(sql: "UPDATE audit SET seq = ?, hash = ? WHERE seq = ?", arguments: [fields.seq, previous, oldSeq])
            }
            try db.execute(sql: """
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
                    SELECT RAISE(ABORT, 'the audit trail is append-only');
                END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
                    SELECT RAISE(ABORT, 'the audit trail is append-only');
                END;
                """)
        }
        // Staff sign in with a PIN: its PBKDF2 hash, salt and rounds, and the count of wrong PINs in a row
        // with the lock they earned.
        migrator.registerMigration("v10-staff-pins") { db in
            try db.execute(sql: """
                ALTER TABLE staff ADD COLUMN pin_hash TEXT;
                ALTER TABLE staff ADD COLUMN pin_salt TEXT;
                ALTER TABLE staff ADD COLUMN pin_rounds INTEGER;
                ALTER TABLE staff ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE staff ADD COLUMN locked_until TEXT;
                """)
        }
        // Sync: an outbox row may be local (nothing for the centre) and keeps when it was sent; one process
        // at a time holds the lease to push; the last outcome is kept for every desk to show.
        migrator.registerMigration("v11-sync") { db in
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

    private static func dropPersonSearch(in db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER person_search_insert;
            DROP TRIGGER person_search_update;
            DROP TRIGGER person_search_delete;
            DROP TABLE person_search;
            """)
    }

    /// The search index over folded names and reversed numbers, filled from the roster, and its triggers.
    private static func createPersonSearch(prefixes: String, in db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE person_search USING fts5(
                folded_name, search_digits, content='person', content_rowid='rowid', tokenize='unicode61',
                prefix='\(prefixes)'
            );
            INSERT INTO person_search(person_search) VALUES ('rebuild');
            """)
        try db.execute(sql: personSearchTriggers)
    }

    private static let v1 = """
        CREATE TABLE site (
            id TEXT PRIMARY KEY NOT NULL,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            province_code TEXT NOT NULL,
            time_zone TEXT NOT NULL
        );
        CREATE TABLE staff (
            id TEXT PRIMARY KEY NOT NULL,
            site_id TEXT NOT NULL REFERENCES site(id),
            code TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL,
            role TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE session (
            id TEXT PRIMARY KEY NOT NULL,
            site_id TEXT NOT NULL REFERENCES site(id),
            day TEXT NOT NULL,
            place TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
            planned_people INTEGER,
            opened_at TEXT NOT NULL,
            opened_by TEXT REFERENCES staff(id),
            closed_at TEXT,
            closed_by TEXT REFERENCES staff(id)
        );
        CREATE TABLE session_team (
            session_id TEXT NOT NULL REFERENCES session(id),
            staff_id TEXT NOT NULL REFERENCES staff(id),
            PRIMARY KEY (session_id, staff_id)
        );
        CREATE TABLE vaccine_lot (
            id TEXT PRIMARY KEY NOT NULL,
            session_id TEXT NOT NULL REFERENCES session(id),
            product_code TEXT NOT NULL,
            lot_number TEXT NOT NULL,
            expiry TEXT NOT NULL,
            doses_received INTEGER NOT NULL CHECK (doses_received >= 0)
        );
        CREATE TABLE vial (
            id TEXT PRIMARY KEY NOT NULL,
            lot_id TEXT NOT NULL REFERENCES vaccine_lot(id),
            doses_per_vial INTEGER NOT NULL,
            opened_at TEXT NOT NULL,
            opened_by TEXT NOT NULL REFERENCES staff(id),
            discard_due TEXT NOT NULL,
            discarded_at TEXT,
            discard_reason TEXT,
            doses_wasted INTEGER
        );
        CREATE TABLE person (
            id TEXT PRIMARY KEY NOT NULL,
            full_name TEXT NOT NULL,
            folded_name TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
            identity_number TEXT,
            phone TEXT,
            address TEXT,
            commune TEXT,
            priority_group TEXT,
            insurance_number TEXT,
            source TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX person_identity_number ON person(identity_number);
        CREATE INDEX person_phone ON person(phone);
        -- Search on the folded name ("Đức" is stored as "duc"); the table holds no text of its own.
        CREATE VIRTUAL TABLE person_search USING fts5(
            folded_name, content='person', content_rowid='rowid', tokenize='unicode61'
        );
        CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
            INSERT INTO person_search(rowid, folded_name) VALUES (new.rowid, new.folded_name);
        END;
        CREATE TRIGGER person_search_update AFTER UPDATE OF folded_name ON person BEGIN
            INSERT INTO person_search(person_search, rowid, folded_name)
                VALUES ('delete', old.rowid, old.folded_name);
            INSERT INTO person_search(rowid, folded_name) VALUES (new.rowid, new.folded_name);
        END;
        CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
            INSERT INTO person_search(person_search, rowid, folded_name)
                VALUES ('delete', old.rowid, old.folded_name);
        END;
        CREATE TABLE prior_dose (
            id TEXT PRIMARY KEY NOT NULL,
            person_id TEXT NOT NULL REFERENCES person(id),
            dose_number INTEGER NOT NULL,
            product_code TEXT NOT NULL,
            given_on TEXT NOT NULL,
            lot_number TEXT,
            place TEXT,
            source TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX prior_dose_person ON prior_dose(person_id);
        CREATE TABLE visit (
            id TEXT PRIMARY KEY NOT NULL,
            session_id TEXT NOT NULL REFERENCES session(id),
            person_id TEXT NOT NULL REFERENCES person(id),
            ticket INTEGER NOT NULL,
            stage TEXT NOT NULL,
            stage_since TEXT NOT NULL,
            dose_number INTEGER NOT NULL,
            series TEXT NOT NULL,
            caution INTEGER NOT NULL DEFAULT 0,
            observation_due TEXT,
            checked_in_at TEXT NOT NULL,
            checked_in_by TEXT NOT NULL REFERENCES staff(id),
            UNIQUE (session_id, ticket),
            UNIQUE (session_id, person_id)
        );
        CREATE INDEX visit_queue ON visit(session_id, stage, stage_since);
        CREATE INDEX visit_person ON visit(person_id);
        CREATE TABLE screening (
            id TEXT PRIMARY KEY NOT NULL,
            visit_id TEXT NOT NULL UNIQUE REFERENCES visit(id),
            checklist_version TEXT NOT NULL,
            answers TEXT NOT NULL,
            computed_outcome TEXT NOT NULL,
            outcome TEXT NOT NULL,
            override_reason TEXT,
            consent INTEGER NOT NULL,
            screened_by TEXT NOT NULL REFERENCES staff(id),
            screened_at TEXT NOT NULL
        );
        CREATE TABLE injection (
            id TEXT PRIMARY KEY NOT NULL,
            visit_id TEXT NOT NULL UNIQUE REFERENCES visit(id),
            lot_id TEXT NOT NULL REFERENCES vaccine_lot(id),
            vial_id TEXT REFERENCES vial(id),
            product_code TEXT NOT NULL,
            dose_number INTEGER NOT NULL,
            arm TEXT NOT NULL CHECK (arm IN ('left', 'right')),
            vaccinator_id TEXT NOT NULL REFERENCES staff(id),
            injected_at TEXT NOT NULL
        );
        CREATE TABLE observation (
            id TEXT PRIMARY KEY NOT NULL,
            visit_id TEXT NOT NULL UNIQUE REFERENCES visit(id),
            started_at TEXT NOT NULL,
            due_at TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            discharged_at TEXT,
            discharged_by TEXT REFERENCES staff(id),
            early_reason TEXT
        );
        CREATE TABLE aefi (
            id TEXT PRIMARY KEY NOT NULL,
            visit_id TEXT NOT NULL REFERENCES visit(id),
            onset_at TEXT NOT NULL,
            signs TEXT NOT NULL,
            severity TEXT NOT NULL CHECK (severity IN ('common', 'serious')),
            anaphylaxis_grade INTEGER,
            actions TEXT,
            referral TEXT,
            recorded_by TEXT NOT NULL REFERENCES staff(id),
            recorded_at TEXT NOT NULL
        );
        -- One row per record to push, in commit order (writes are serialised, so seq order is commit order).
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            record_type TEXT NOT NULL,
            record_id TEXT NOT NULL,
            event TEXT NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'quarantined')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        );
        CREATE INDEX outbox_pending ON outbox(state, seq);
        CREATE INDEX outbox_record ON outbox(record_id);
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            staff_id TEXT,
            action TEXT NOT NULL,
            record_type TEXT,
            record_id TEXT,
            detail TEXT
        );
        """
}
