import Foundation
import GRDB
import VaxCore

/// Decoding of the store's rows into the domain values of VaxCore.
extension Row {
    /// A stored id; a row whose id is not one is refused.
    func uuid(_ column: String) throws -> UUID {
        let text: String = self[column]
        guard let id = UUID(uuidString: text) else { throw BadStoredValue(column: column, value: text) }
        return id
    }

    /// A stored value of a closed set (a sex, a role, a stage): refused when it is not one of them.
    func value<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        let text: String = self[column]
        guard let value = T(rawValue: text) else { throw BadStoredValue(column: column, value: text) }
        return value
    }

    /// A stored day; a row whose day is not one is refused, never read as some other day.
    func localDate(_ column: String) throws -> LocalDate {
        let text: String = self[column]
        guard let day = LocalDate(stored: text) else { throw BadStoredValue(column: column, value: text) }
        return day
    }
}

/// A stored value that is not what its column holds: the row is refused rather than guessed at.
public struct BadStoredValue: Error, CustomStringConvertible {
    public let column: String
    public let value: String
    public var description: String { "the stored \(column) '\(value)' cannot be read" }
}

extension Person {
    /// The person columns, in the order `init(row:at:)` reads them, prefixed by `alias`.
    static func columns(_ alias: String) -> String {
        ["id", "full_name", "birth_date", "sex", "identity_number", "phone", "address", "commune",
         "priority_group", "insurance_number"].map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// Reads the columns of `columns(_:)` from position `first` on. By position, not by name: a search
    /// decodes hundreds of rows per keystroke. A row that does not read is refused, never filled in.
    init(row: Row, at first: Int = 0) throws {
        let id: String = row[first], birth: String = row[first + 2], sex: String = row[first + 3]
        guard let uuid = UUID(uuidString: id) else { throw BadStoredValue(column: "person.id", value: id) }
        guard let birthDate = BirthDate(stored: birth) else { throw BadStoredValue(column: "person.birth_date", value: birth) }
        guard let sex = Sex(rawValue: sex) else { throw BadStoredValue(column: "person.sex", value: sex) }
        self.init(
            id: uuid,
            fullName: row[first + 1],
            birthDate: birthDate,
            sex: sex,
            identityNumber: row[first + 4],
            phone: row[first + 5],
            address: row[first + 6],
            commune: row[first + 7],
            priorityGroup: row[first + 8],
            insuranceNumber: row[first + 9]
        )
    }
}

extension Staff {
    init(row: Row) throws {
        self.init(id: try row.uuid("id"), code: row["code"], fullName: row["full_name"], role: try row.value("role"))
    }
}
