import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// The centre's signed lists as the site last fetched them (the trust list of document signers, the
/// revocation list), so that a desk verifies a certificate from another site with no network.
enum V25PublishedLists: SchemaMigration {
    static let identifier = "v25-published-lists"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE published_list (
                kind TEXT PRIMARY KEY NOT NULL CHECK (kind IN ('trust-list', 'revocations')),
                json BLOB NOT NULL,
                fetched_at DATETIME NOT NULL
            );
            """)
    }
}
