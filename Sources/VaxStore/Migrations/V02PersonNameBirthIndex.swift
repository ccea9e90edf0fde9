import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// Roster import matches people without an identity number by folded name and birth date.
enum V02PersonNameBirthIndex: SchemaMigration {
    static let identifier = "v2-person-name-birth-index"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX person_name_birth ON person(folded_name, birth_date)")
    }
}
