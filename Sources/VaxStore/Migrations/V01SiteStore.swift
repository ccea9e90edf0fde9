import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// The site store as first shipped: site, staff, sessions, lots, vials, the roster and its search index,
/// visits and every station's records, the outbox and the audit trail.
enum V01SiteStore: SchemaMigration {
    static let identifier = "v1-site-store"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
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
        """)
    }
}
