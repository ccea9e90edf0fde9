import Foundation

/// The columns a roster file may have, recognised by their header in Vietnamese (with or without
/// diacritics) or English. Doses are numbered: "Vắc xin mũi 2", "Ngày tiêm mũi 2", "Dose 2 date".
public enum RosterColumn: Hashable, Sendable {
    case number, fullName, birthDate, sex, identityNumber, phone, address, commune, priorityGroup, insurance
    case doseProduct(Int)
    case doseDate(Int)

    /// Folded header words for each plain column; the first match wins, longest aliases first.
    static let aliases: [(String, RosterColumn)] = [
        ("so thu tu", .number), ("stt", .number), ("no", .number),
        ("ho va ten", .fullName), ("ho ten", .fullName), ("full name", .fullName), ("name", .fullName),
        ("ngay thang nam sinh", .birthDate), ("ngay sinh", .birthDate), ("nam sinh", .birthDate),
        ("date of birth", .birthDate), ("birth date", .birthDate), ("dob", .birthDate),
        ("gioi tinh", .sex), ("gioi", .sex), ("sex", .sex), ("gender", .sex),
        ("so cccd/cmnd", .identityNumber), ("cccd/cmnd", .identityNumber), ("so cccd", .identityNumber),
        ("so cmnd", .identityNumber), ("cccd", .identityNumber), ("cmnd", .identityNumber),
        ("so dinh danh", .identityNumber), ("identity number", .identityNumber), ("id number", .identityNumber),
        ("so dien thoai", .phone), ("dien thoai", .phone), ("sdt", .phone), ("phone", .phone),
        ("dia chi", .address), ("address", .address),
        ("xa/phuong", .commune), ("xa phuong", .commune), ("phuong/xa", .commune), ("commune", .commune),
        ("ward", .commune),
        ("nhom uu tien", .priorityGroup), ("doi tuong uu tien", .priorityGroup), ("nhom doi tuong", .priorityGroup),
        ("priority group", .priorityGroup), ("priority", .priorityGroup),
        ("so the bhyt", .insurance), ("the bhyt", .insurance), ("bhyt", .insurance), ("health insurance", .insurance),
    ]

    /// Recognises a header cell; nil for a column VaxDesk does not read (it is ignored, not an error).
    public init?(header: String) {
        let folded = Self.key(header)
        if let dose = Self.doseColumn(folded) {
            self = dose
            return
        }
        guard let match = Self.aliases.first(where: { $0.0 == folded }) else { return nil }
        self = match.1
    }

    /// The name a problem gives this column when the values come from a form rather than a file.
    public var formHeader: String { String(describing: self) }

    /// A header as the alias tables spell it: folded, "a / b" as "a/b", without ":", "." or "*".
    static func key(_ header: String) -> String {
        NameFolding.fold(header).replacingOccurrences(of: " / ", with: "/")
            .trimmingCharacters(in: CharacterSet(charactersIn: ":.*"))
    }

    /// "vac xin mui 2", "loai vac xin mui 2", "ngay tiem mui 2", "mui 2 ngay", "dose 2 product", "dose 2 date".
    private static func doseColumn(_ folded: String) -> RosterColumn? {
        let words = folded.split(separator: " ").map(String.init)
        guard let marker = words.firstIndex(where: { $0 == "mui" || $0 == "dose" }),
              marker + 1 < words.count, let number = Int(words[marker + 1]), (1...9).contains(number)
        else { return nil }
        let isDate = words.contains("ngay") || words.contains("date")
        return isDate ? .doseDate(number) : .doseProduct(number)
    }
}
