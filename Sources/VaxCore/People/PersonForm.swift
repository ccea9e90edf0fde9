/// The walk-in registration form: what the check-in nurse types for a person who is not on the
/// roster, checked by the same rules as a roster row, so that a person typed at the desk and one read
/// from a list are held to one standard.
public struct PersonForm: Hashable, Sendable {
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case fullName, birthDate, sex, identityNumber, phone, address, commune, priorityGroup

        var column: RosterColumn {
            switch self {
            case .fullName: .fullName
            case .birthDate: .birthDate
            case .sex: .sex
            case .identityNumber: .identityNumber
            case .phone: .phone
            case .address: .address
            case .commune: .commune
            case .priorityGroup: .priorityGroup
            }
        }

        /// Name, birth date and sex: a person cannot be registered without them.
        public var isRequired: Bool { self == .fullName || self == .birthDate || self == .sex }
    }

    public var values: [Field: String]

    public init(values: [Field: String] = [:]) {
        self.values = values
    }

    /// A form filled from a scanned card: what the card says, for the nurse to complete.
    public init(card: CitizenCardQR) {
        values = [
            .fullName: card.fullName, .birthDate: card.birthDate.description,
            .sex: card.sex == .male ? "Nam" : "Nữ", .identityNumber: card.citizenID, .address: card.address,
        ]
    }

    /// What the form holds, or what is wrong with each field (at most one reason a field, the first).
    public enum Validation: Hashable, Sendable {
        case valid(Person)
        case invalid([Field: RosterProblem.Reason])
    }

    public func validate(provinces: ProvinceCodes, catalog: VaccineCatalog, currentYear: Int) -> Validation {
        let fields = Field.allCases
        let parser = RosterRowParser(
            fields: fields.map(\.column), provinces: provinces, catalog: catalog, currentYear: currentYear)
        switch parser.parse(fields.map { values[$0] ?? "" }) {
        case .accepted(let entry):
            return .valid(entry.person)
        case .rejected(let problems):
            return .invalid(problems.byField(fields) { $0.column.formHeader })
        }
    }
}
