import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// A person the centre holds under another site's record id, found here by their CCCD: the doses pulled
/// later under that id (the next day's dose 2, a page after the person's) are filed on the local record.
enum V27PulledPeople: SchemaMigration {
    static let identifier = "v27-pulled-people"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE pulled_person (
                centre_id TEXT PRIMARY KEY NOT NULL,
                person_id TEXT NOT NULL REFERENCES person(id)
            );
            """)
    }
}
