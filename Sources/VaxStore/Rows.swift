import Foundation
import GRDB
import VaxCore

/// Decoding of the store's rows into the domain values of VaxCore.
extension Row {
    func uuid(_ column: String) -> UUID {
        let text: String = self[column]
        return UUID(uuidString: text)!
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
    /// decodes hundreds of rows per keystroke.
    init(row: Row, at first: Int = 0) {
        self.init(
            id: UUID(uuidString: row[first]) ?? UUID(),
            fullName: row[first + 1],
            birthDate: BirthDate(stored: row[first + 2]) ?? BirthDate(year: 1900),
            sex: Sex(rawValue: row[first + 3]) ?? .female,
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
    init(row: Row) {
        self.init(
            id: row.uuid("id"), code: row["code"], fullName: row["full_name"],
            role: Role(rawValue: row["role"]) ?? .checkInNurse)
    }
}
