import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// Signed certificates: the site's document-signing certificate (DSC) as the centre issued it (its
/// private key is a file beside the database, never in it), and every certificate issued, with the
/// HC1 text that was signed. A certificate is never deleted: when the record it states is corrected or
/// voided it is revoked, and the one issued after it is named as its replacement.
enum V24SignedCertificates: SchemaMigration {
    static let identifier = "v24-signed-certificates"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE document_signer (
                kid TEXT PRIMARY KEY NOT NULL,
                certificate BLOB NOT NULL,
                subject TEXT NOT NULL,
                not_before DATETIME NOT NULL,
                not_after DATETIME NOT NULL,
                installed_at DATETIME NOT NULL,
                installed_by TEXT NOT NULL REFERENCES staff(id)
            );
            CREATE TABLE issued_certificate (
                id TEXT PRIMARY KEY NOT NULL,
                identifier TEXT NOT NULL UNIQUE,
                person_id TEXT NOT NULL REFERENCES person(id),
                kid TEXT NOT NULL REFERENCES document_signer(kid),
                content_digest TEXT NOT NULL,
                hc1 TEXT NOT NULL,
                issued_at DATETIME NOT NULL,
                issued_by TEXT NOT NULL REFERENCES staff(id),
                expires_at DATETIME NOT NULL,
                revoked_at DATETIME,
                revoked_reason TEXT,
                replaced_by TEXT REFERENCES issued_certificate(id)
            );
            CREATE INDEX issued_certificate_person ON issued_certificate(person_id, issued_at);
            """)
    }
}
