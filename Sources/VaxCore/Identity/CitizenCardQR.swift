/// The QR code on a CCCD card, as a scanner types it into whatever field has focus:
/// `CCCD|CMND|Họ và tên|ddMMyyyy|Nam/Nữ|địa chỉ thường trú|ngày cấp ddMMyyyy`. Some readers drop the
/// CMND field (6 fields); the old CMND may be empty.
public struct CitizenCardQR: Hashable, Sendable {
    public let citizenID: String
    public let oldID: String?
    public let fullName: String
    public let birthDate: BirthDate
    public let sex: Sex
    public let address: String
    public let issuedOn: BirthDate?

    /// Reads a scanned string; nil when it is not a card's QR (an ordinary search, for instance).
    public init?(scanned text: String) {
        let fields = text.trimmed.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmed }
        guard fields.count == 6 || fields.count == 7 else { return nil }
        let hasOldID = fields.count == 7
        let id = fields[0]
        guard id.count == 12, id.allSatisfy(\.isASCIIDigit) else { return nil }
        let old = hasOldID ? fields[1] : ""
        guard old.isEmpty || (old.allSatisfy(\.isASCIIDigit) && (old.count == 9 || old.count == 12)) else { return nil }
        let rest = Array(fields.dropFirst(hasOldID ? 2 : 1))
        guard let birth = Self.compactDate(rest[1]), let sex = Self.sex(rest[2]), !rest[0].isEmpty else { return nil }
        citizenID = id
        oldID = old.isEmpty ? nil : old
        fullName = NameFolding.normalizeName(rest[0])
        birthDate = birth
        self.sex = sex
        address = NameFolding.collapseSpaces(rest[3].precomposed)
        issuedOn = Self.compactDate(rest[4])
    }

    /// `ddMMyyyy`, or a year alone.
    static func compactDate(_ text: String) -> BirthDate? {
        guard text.allSatisfy(\.isASCIIDigit) else { return nil }
        if text.count == 4, let year = Int(text) { return BirthDate(year: year) }
        guard text.count == 8, let value = Int(text) else { return nil }
        return BirthDate(year: value % 10_000, month: (value / 10_000) % 100, day: value / 1_000_000)
    }

    static func sex(_ text: String) -> Sex? {
        switch NameFolding.fold(text) {
        case "nam": .male
        case "nu": .female
        default: nil
        }
    }

    /// What differs between the card and the roster's record: the nurse resolves each before check-in.
    public func differences(from person: Person) -> [Difference] {
        var found: [Difference] = []
        if fullName != person.fullName.precomposed {
            found.append(.name(card: fullName, roster: person.fullName))
        }
        if birthDate != person.birthDate { found.append(.birthDate(card: birthDate, roster: person.birthDate)) }
        if sex != person.sex { found.append(.sex(card: sex, roster: person.sex)) }
        if let number = person.identityNumber, number != citizenID, number != oldID {
            found.append(.identityNumber(card: citizenID, roster: number))
        }
        return found
    }

    public enum Difference: Hashable, Sendable {
        case name(card: String, roster: String)
        case birthDate(card: BirthDate, roster: BirthDate)
        case sex(card: Sex, roster: Sex)
        case identityNumber(card: String, roster: String)
    }
}
