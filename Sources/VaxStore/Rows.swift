import Foundation
import GRDB
import VaxCore

/// Decoding of the store's rows into the domain values of VaxCore.
extension Row {
    func uuid(_ column: String) -> UUID {
        let text: String = self[column]
        return UUID(uuidString: text)!
    }

    func optionalUUID(_ column: String) -> UUID? {
        (self[column] as String?).flatMap(UUID.init(uuidString:))
    }
}

extension Person {
    /// The person columns, in the order `init(row:)` reads them, prefixed by `alias`.
    static func columns(_ alias: String) -> String {
        ["id", "full_name", "birth_date", "sex", "identity_number", "phone", "address", "commune",
         "priority_group", "insurance_number"].map { "\(alias).\($0) AS p_\($0)" }.joined(separator: ", ")
    }

    init(row: Row) {
        self.init(
            id: row.uuid("p_id"),
            fullName: row["p_full_name"],
            birthDate: BirthDate(stored: row["p_birth_date"]) ?? BirthDate(year: 1900),
            sex: Sex(rawValue: row["p_sex"]) ?? .female,
            identityNumber: row["p_identity_number"],
            phone: row["p_phone"],
            address: row["p_address"],
            commune: row["p_commune"],
            priorityGroup: row["p_priority_group"],
            insuranceNumber: row["p_insurance_number"]
        )
    }
}

extension Staff {
    init(row: Row) {
        self.init(
            id: row.uuid("id"), code: row["code"], fullName: row["full_name"],
            role: Role(rawValue: row["role"]) ?? .checkInNurse)
    }
}
