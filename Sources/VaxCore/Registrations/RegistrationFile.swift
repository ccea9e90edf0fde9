import Foundation

/// A commune's list of registrations as districts send them: the columns of a roster (name, birth
/// date, sex, CCCD, phone, commune, priority group) and the day and time slot of the appointment. Each
/// row is read as a roster row is; a row that cannot be read is refused with its line and why, and the
/// others go on.
public struct RegistrationFile: Sendable {
    /// A row that was not taken: its line in the file, and why.
    public struct Refusal: Hashable, Sendable, Codable {
        public var line: Int
        /// The problems' keys (`roster.badBirthDate`, `registration.badDay`…) with the column and value.
        public var problems: [String]
    }

    public var accepted: [(line: Int, person: Person, day: String, slot: String)] = []
    public var refused: [Refusal] = []

    static let dayHeaders = ["ngay hen", "ngay tiem", "ngay dang ky tiem", "ngay", "appointment day", "day", "date"]
    static let slotHeaders = ["khung gio", "gio hen", "ca tiem", "ca", "slot", "time slot", "time"]

    public init(_ table: CSVTable, provinces: ProvinceCodes, catalog: VaccineCatalog, today: LocalDate) {
        self.init(header: table.header, rows: table.rows, unreadable: table.unreadable.map(\.line),
                  provinces: provinces, catalog: catalog, today: today)
    }

    /// Registrations sent as JSON, read as the rows of a file with these columns.
    public init(_ entries: [Registration], provinces: ProvinceCodes, catalog: VaccineCatalog, today: LocalDate) {
        let header = ["Họ và tên", "Ngày sinh", "Giới tính", "CCCD", "Số điện thoại", "Xã/phường", "Nhóm ưu tiên", "Ngày hẹn", "Khung giờ"]
        let rows = entries.enumerated().map { index, entry in
            (line: index + 1, fields: [entry.fullName, entry.birthDate, entry.sex, entry.identityNumber ?? "", entry.phone ?? "",
                                       entry.commune ?? "", entry.priorityGroup ?? "", entry.day, entry.slot])
        }
        self.init(header: header, rows: rows, unreadable: [], provinces: provinces, catalog: catalog, today: today)
    }

    init(header: [String], rows: [(line: Int, fields: [String])], unreadable: [Int], provinces: ProvinceCodes,
         catalog: VaccineCatalog, today: LocalDate) {
        let parser = RosterRowParser(header: header, provinces: provinces, catalog: catalog, currentYear: today.year)
        let folded = header.map { RosterColumn.key($0) }
        let dayColumn = Self.dayHeaders.lazy.compactMap { folded.firstIndex(of: $0) }.first
        let slotColumn = Self.slotHeaders.lazy.compactMap { folded.firstIndex(of: $0) }.first
        for line in unreadable {
            refused.append(Refusal(line: line, problems: ["registration.unreadableRow"]))
        }
        for row in rows {
            var problems: [String] = []
            var person: Person?
            switch parser.parse(row.fields) {
            case .accepted(let entry): person = entry.person
            case .rejected(let found): problems += found.map { "\($0.reason.rawValue) (\($0.column): \($0.value))" }
            }
            func field(_ index: Int?) -> String {
                guard let index, index < row.fields.count else { return "" }
                return row.fields[index].trimmingCharacters(in: .whitespaces)
            }
            let day = RosterDate.parse(field(dayColumn)).flatMap { date -> LocalDate? in
                guard let month = date.month, let dayOfMonth = date.day else { return nil }
                return LocalDate(year: date.year, month: month, day: dayOfMonth)
            }
            if day == nil { problems.append("registration.badDay (\(field(dayColumn)))") }
            if let day, day < today { problems.append("registration.pastDay (\(day.stored))") }
            let slot = Printable.text(field(slotColumn))
            if slot.isEmpty { problems.append("registration.missingSlot") }
            guard problems.isEmpty, let person, let day else {
                refused.append(Refusal(line: row.line, problems: problems))
                continue
            }
            accepted.append((row.line, person, day.stored, slot))
        }
    }

    /// The columns a registration list must have beside the roster's: none of them found, nothing can
    /// be read.
    public static func missingColumns(_ header: [String]) -> [String] {
        let folded = header.map { RosterColumn.key($0) }
        var missing: [String] = []
        if !dayHeaders.contains(where: folded.contains) { missing.append("Ngày hẹn") }
        if !slotHeaders.contains(where: folded.contains) { missing.append("Khung giờ") }
        return missing
    }
}
