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
    ]

    /// The database has migrations this program does not know: a newer centre wrote it.
    struct NewerSchema: Error, CustomStringConvertible {
        let versions: [Int]
        var description: String {
            "the central database has schema migrations \(versions.map(String.init).joined(separator: ", ")) "
                + "that this vaxdesk-central does not know: run the newer version"
        }
    }
}
