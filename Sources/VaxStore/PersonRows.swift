import Foundation
import GRDB
import VaxCore

/// Writing people and their prior doses: one statement each, shared by the demo roster, the roster
/// import and the desks. Cached, so a million rows prepare it once.
extension AppDatabase {
    /// `folded` is the folded name when the caller already has it.
    static func insertPerson(
        _ person: Person, folded: String? = nil, source: PersonSource, stamp: DatabaseValue, in db: Database
    ) throws {
        try db.cachedStatement(sql: """
            INSERT INTO person (id, full_name, folded_name, birth_date, sex, identity_number, phone,
                address, commune, priority_group, insurance_number, search_digits, source, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                person.id.uuidString, person.fullName, folded ?? NameFolding.fold(person.fullName), person.birthDate.stored,
                person.sex.rawValue, person.identityNumber, person.phone, person.address, person.commune,
                person.priorityGroup, person.insuranceNumber,
                SearchDigits.of(identityNumber: person.identityNumber, phone: person.phone), source.rawValue, stamp,
            ])
    }

    static func insertPriorDose(
        _ dose: PriorDose, personID: String, source: String, stamp: DatabaseValue, in db: Database
    ) throws {
        try db.cachedStatement(sql: """
            INSERT INTO prior_dose (id, person_id, dose_number, product_code, given_on, source, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                UUID().uuidString, personID, dose.doseNumber, dose.productCode, dose.givenOn, source, stamp,
            ])
    }
}
