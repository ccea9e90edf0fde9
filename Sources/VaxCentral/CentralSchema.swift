/// The centre's PostgreSQL schema as numbered migrations, recorded in `schema_migrations`. A shipped
/// migration never changes: a new need is a new number at the end.
enum CentralSchema {
    struct Migration {
        let version: Int
        let name: String
        let statements: [String]
    }

    static let migrations = [
        // The first schema. `IF NOT EXISTS`: centres that ran before migrations were numbered have these
        // tables already, and take this migration as done.
        Migration(version: 1, name: "sites-and-resources", statements: [
            """
            CREATE TABLE IF NOT EXISTS site (
                id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, token_hash TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS resource (
                type TEXT NOT NULL, id TEXT NOT NULL, site_id TEXT NOT NULL REFERENCES site(id), version INTEGER NOT NULL,
                json TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL, patient_id TEXT, status TEXT, product TEXT,
                dose_number INTEGER, lot TEXT, day TEXT, serious BOOLEAN, doses_per_vial INTEGER, doses_wasted INTEGER,
                source_updated TIMESTAMPTZ, PRIMARY KEY (type, id))
            """,
            "CREATE INDEX IF NOT EXISTS resource_patient ON resource(type, patient_id)",
            "CREATE INDEX IF NOT EXISTS resource_report ON resource(type, site_id, day)",
            "CREATE TABLE IF NOT EXISTS resource_identifier (type TEXT NOT NULL, id TEXT NOT NULL, system TEXT, value TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS resource_identifier_value ON resource_identifier(type, value)",
            "CREATE INDEX IF NOT EXISTS resource_identifier_resource ON resource_identifier(type, id)",
        ]),
        Migration(version: 2, name: "least-privilege", statements: CentralSchema.leastPrivilege(serial: "BIGSERIAL PRIMARY KEY")),
        Migration(version: 3, name: "audit-heads", statements: CentralSchema.auditHeads),
        Migration(version: 4, name: "proposal-review", statements: CentralSchema.proposalReview),
        Migration(version: 5, name: "certificate-signing", statements: CentralSchema.certificateSigning),
        Migration(version: 6, name: "change-cursor", statements: CentralSchema.changeCursorPostgres),
        Migration(version: 7, name: "person-match", statements: CentralSchema.personMatch),
        Migration(version: 8, name: "registrations", statements: CentralSchema.registrations),
        Migration(version: 9, name: "reports", statements: CentralSchema.reports),
    ]

    /// Every write of a resource stamped with where it falls in the centre's order of changes, so that a
    /// site pulls what changed since its last pull with no gap and no duplicate. PostgreSQL: the writing
    /// transaction's id and a sequence number; a pull reads only below the oldest transaction still
    /// running (`pg_snapshot_xmin`), so a slow transaction that commits after a faster, later one is
    /// never jumped over.
    static let changeCursorPostgres = [
        "CREATE SEQUENCE resource_change_seq",
        "ALTER TABLE resource ADD COLUMN change_xid BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE resource ADD COLUMN change_seq BIGINT",
        "UPDATE resource SET change_seq = nextval('resource_change_seq')",
        """
        CREATE FUNCTION resource_stamp_change() RETURNS trigger AS $$
        BEGIN
            NEW.change_xid := pg_current_xact_id()::text::bigint;
            NEW.change_seq := nextval('resource_change_seq');
            RETURN NEW;
        END $$ LANGUAGE plpgsql
        """,
        "CREATE TRIGGER resource_change BEFORE INSERT OR UPDATE OF json, version ON resource FOR EACH ROW EXECUTE FUNCTION resource_stamp_change()",
        "CREATE INDEX resource_change_order ON resource(change_xid, change_seq)",
    ]

    /// The same on SQLite, whose one writer commits in order: the sequence is enough, and it is also the
    /// "transaction" part of the cursor.
    static let changeCursorSQLite = [
        "ALTER TABLE resource ADD COLUMN change_xid BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE resource ADD COLUMN change_seq BIGINT",
        "UPDATE resource SET change_seq = rowid, change_xid = rowid",
        """
        CREATE TRIGGER resource_change_insert AFTER INSERT ON resource BEGIN
            UPDATE resource SET change_seq = (SELECT COALESCE(MAX(change_seq), 0) + 1 FROM resource) WHERE rowid = NEW.rowid;
            UPDATE resource SET change_xid = change_seq WHERE rowid = NEW.rowid;
        END
        """,
        """
        CREATE TRIGGER resource_change_update AFTER UPDATE OF json, version ON resource BEGIN
            UPDATE resource SET change_seq = (SELECT COALESCE(MAX(change_seq), 0) + 1 FROM resource) WHERE rowid = NEW.rowid;
            UPDATE resource SET change_xid = change_seq WHERE rowid = NEW.rowid;
        END
        """,
        "CREATE INDEX resource_change_order ON resource(change_xid, change_seq)",
    ]

    /// The SQLite triggers of `changeCursorSQLite` took the next number as `MAX(change_seq)`, which no index
    /// leads with: every write scanned the whole table, and a centre's ingest grew with the square of what
    /// it held (20,000 writes: 11.4 s, against 0.22 s this way). `change_xid` equals `change_seq` here and
    /// leads `resource_change_order`, so its maximum is one index step; one UPDATE stamps both.
    static let changeOrderSQLite = [
        "DROP TRIGGER resource_change_insert",
        "DROP TRIGGER resource_change_update",
        """
        CREATE TRIGGER resource_change_insert AFTER INSERT ON resource BEGIN
            UPDATE resource SET (change_seq, change_xid) =
                (SELECT next, next FROM (SELECT COALESCE(MAX(change_xid), 0) + 1 AS next FROM resource))
            WHERE rowid = NEW.rowid;
        END
        """,
        """
        CREATE TRIGGER resource_change_update AFTER UPDATE OF json, version ON resource BEGIN
            UPDATE resource SET (change_seq, change_xid) =
                (SELECT next, next FROM (SELECT COALESCE(MAX(change_xid), 0) + 1 AS next FROM resource))
            WHERE rowid = NEW.rowid;
        END
        """,
    ]

    /// One person nationally: each Patient's key of name, birth date and commune (folded: "nguyen van duc
    /// |1985-03-12|p an hoa"), by which an officer is shown the probable duplicates of different sites
    /// that no CCCD joins; and the officers' merges of such records, the merged record pointing to the
    /// kept one; and the groups an officer found to be different people (twins, namesakes). The same on
    /// both dialects.
    static let personMatch = [
        "ALTER TABLE resource ADD COLUMN match_key TEXT",
        "CREATE INDEX resource_match ON resource(match_key) WHERE match_key IS NOT NULL",
        """
        CREATE TABLE person_merge (
            merged_id TEXT PRIMARY KEY, kept_id TEXT NOT NULL, officer TEXT NOT NULL, reason TEXT NOT NULL,
            merged_at BIGINT NOT NULL)
        """,
        "CREATE INDEX person_merge_kept ON person_merge(kept_id)",
        """
        CREATE TABLE person_distinct (
            match_key TEXT PRIMARY KEY, officer TEXT NOT NULL, reason TEXT NOT NULL, decided_at BIGINT NOT NULL)
        """,
    ]

    /// What the province's reports read. The facts they count by, beside each resource: a not-done
    /// Immunization's reason, a Patient's birth date and priority group; a site's commune, when it last
    /// sent records and how many it said were still waiting (who is behind). The counts
    /// themselves by site, day, kind (a dose, a deferral, a vial opened…), product, dose number,
    /// priority group and age band, kept up to date from the order of changes (`report_state` says how
    /// far), and the same summed over every day for each site (`report_total`): a report of the
    /// campaign to date then sums some ten thousand rows per province, not ten million. Each area's target population by
    /// priority group and age band, for coverage. An officer's signed-in browser (a hash of its cookie).
    /// The same on both dialects.
    static let reports = [
        "ALTER TABLE resource ADD COLUMN reason TEXT",
        "ALTER TABLE resource ADD COLUMN birth_date TEXT",
        "ALTER TABLE resource ADD COLUMN priority_group TEXT",
        "ALTER TABLE site ADD COLUMN commune TEXT",
        "ALTER TABLE site ADD COLUMN last_push_at BIGINT",
        "ALTER TABLE site ADD COLUMN waiting INTEGER",
        """
        CREATE TABLE report_count (
            site_id TEXT NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL, product TEXT NOT NULL, dose_number INTEGER NOT NULL,
            priority_group TEXT NOT NULL, age_band TEXT NOT NULL, n BIGINT NOT NULL,
            PRIMARY KEY (site_id, day, kind, product, dose_number, priority_group, age_band))
        """,
        "CREATE INDEX report_count_day ON report_count(day)",
        """
        CREATE TABLE report_total (
            site_id TEXT NOT NULL, kind TEXT NOT NULL, product TEXT NOT NULL, dose_number INTEGER NOT NULL,
            priority_group TEXT NOT NULL, age_band TEXT NOT NULL, n BIGINT NOT NULL,
            PRIMARY KEY (site_id, kind, product, dose_number, priority_group, age_band))
        """,
        """
        CREATE TABLE report_state (
            id INTEGER PRIMARY KEY, change_xid BIGINT NOT NULL, change_seq BIGINT NOT NULL, refreshed_at BIGINT)
        """,
        "INSERT INTO report_state (id, change_xid, change_seq) VALUES (1, 0, 0)",
        """
        CREATE TABLE coverage_target (
            area TEXT NOT NULL, priority_group TEXT NOT NULL, age_band TEXT NOT NULL, target BIGINT NOT NULL,
            imported_at BIGINT NOT NULL, PRIMARY KEY (area, priority_group, age_band))
        """,
        """
        CREATE TABLE dashboard_session (
            token_hash TEXT PRIMARY KEY, officer_id TEXT NOT NULL REFERENCES officer(id), created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL)
        """,
    ]

    /// People registered ahead for a site's session on a day, in a slot (from a commune's list, or
    /// sent one by one): the person as sent (JSON), and who they are for the list (their CCCD, else their
    /// folded name and birth date), so that registering again moves the appointment rather than adding
    /// one. The same on both dialects.
    static let registrations = [
        """
        CREATE TABLE registration (
            id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES site(id), day TEXT NOT NULL, slot TEXT NOT NULL,
            person_key TEXT NOT NULL, json TEXT NOT NULL, registered_by TEXT NOT NULL, registered_at BIGINT NOT NULL)
        """,
        "CREATE UNIQUE INDEX registration_person ON registration(site_id, day, person_key)",
    ]

    /// The national signing authority's certificate (its key is a file, never in the database), the
    /// document signer issued to each site, and the certificate identifiers revoked (a site's
    /// DocumentReference sent as superseded or entered-in-error). Certificates are base64 DER text, so
    /// that both dialects hold them alike. The same on both dialects.
    static let certificateSigning = [
        "CREATE TABLE signing_authority (id INTEGER PRIMARY KEY, certificate TEXT NOT NULL, created_at BIGINT NOT NULL)",
        """
        CREATE TABLE document_signer (
            kid TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES site(id), certificate TEXT NOT NULL,
            not_after BIGINT NOT NULL, issued_at BIGINT NOT NULL, revoked_at BIGINT)
        """,
        """
        CREATE TABLE revoked_certificate (
            identifier TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES site(id), reason TEXT NOT NULL,
            revoked_at BIGINT NOT NULL)
        """,
    ]

    /// An officer's decision on a proposal: accepted (applied to the record) or rejected, by whom, when.
    /// The proposal stays, decided. The same on both dialects.
    static let proposalReview = [
        "ALTER TABLE proposal ADD COLUMN decision TEXT",
        "ALTER TABLE proposal ADD COLUMN decided_by TEXT",
        "ALTER TABLE proposal ADD COLUMN decided_at BIGINT",
        "ALTER TABLE proposal ADD COLUMN reason TEXT",
    ]

    /// Every head of a site's audit chain the centre saw: a row number seen with two hashes is a trail
    /// changed after the centre saw it (or a site restored from a backup). The same on both dialects.
    static let auditHeads = [
        """
        CREATE TABLE audit_head (
            site_id TEXT NOT NULL REFERENCES site(id), seq BIGINT NOT NULL, hash TEXT NOT NULL, seen_at BIGINT NOT NULL,
            PRIMARY KEY (site_id, seq, hash))
        """,
    ]

    /// Areas for sites, officers' accounts, the log of who read what, other sites' changes kept as
    /// proposals, revoked tokens. The same on SQLite but for how a row number is made.
    static func leastPrivilege(serial: String) -> [String] {
        [
            "ALTER TABLE site ADD COLUMN province TEXT",
            "ALTER TABLE site ADD COLUMN district TEXT",
            "ALTER TABLE site ADD COLUMN revoked_at BIGINT",
            """
            CREATE TABLE officer (
                id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL UNIQUE, level TEXT NOT NULL, area TEXT,
                token_hash TEXT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT)
            """,
            """
            CREATE TABLE access_log (
                seq \(serial), at BIGINT NOT NULL, principal TEXT NOT NULL, action TEXT NOT NULL,
                resource_type TEXT, query TEXT, count INTEGER NOT NULL)
            """,
            """
            CREATE TABLE proposal (
                seq \(serial), type TEXT NOT NULL, id TEXT NOT NULL, site_id TEXT NOT NULL REFERENCES site(id),
                base_version INTEGER NOT NULL, json TEXT NOT NULL, received_at BIGINT NOT NULL)
            """,
            "CREATE INDEX proposal_resource ON proposal(type, id)",
            "CREATE INDEX resource_site_patient ON resource(site_id, patient_id)",
        ]
    }

    /// The database has migrations this program does not know: a newer centre wrote it.
    struct NewerSchema: Error, CustomStringConvertible {
        let versions: [Int]
        var description: String {
            "the central database has schema migrations \(versions.map(String.init).joined(separator: ", ")) "
                + "that this vaxdesk-central does not know: run the newer version"
        }
    }
}
