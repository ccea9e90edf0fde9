import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// People registered ahead for the site's sessions, as the centre gave them at the pull: on the roster
/// (found by their CCCD or name and birth date, or added), with the day and time slot of their
/// appointment.
enum V28Registrations: SchemaMigration {
    static let identifier = "v28-registrations"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE registration (
                centre_id TEXT PRIMARY KEY NOT NULL,
                person_id TEXT NOT NULL REFERENCES person(id),
                day TEXT NOT NULL,
                slot TEXT NOT NULL,
                fetched_at DATETIME NOT NULL
            );
            CREATE INDEX registration_day ON registration(day, slot);
            CREATE INDEX registration_person ON registration(person_id, day);
            """)
    }
}
