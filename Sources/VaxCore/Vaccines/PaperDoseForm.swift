/// A dose from a paper record (a vaccination card, a certificate), entered at the check-in desk for
/// the person in front of the nurse, checked by the same rules as a row of `vaxdesk import doses`.
public struct PaperDoseForm: Hashable, Sendable {
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case doseNumber, product, date, lot, place

        var column: BackfillRowParser.Column {
            switch self {
            case .doseNumber: .doseNumber
            case .product: .product
            case .date: .date
            case .lot: .lot
            case .place: .place
            }
        }

        public var isRequired: Bool { self == .doseNumber || self == .product || self == .date }
    }

    public var values: [Field: String]

    public init(values: [Field: String]) {
        self.values = values
    }

    /// An empty form for the dose after those on record.
    public init(nextDoseNumber: Int) {
        values = [.doseNumber: String(nextDoseNumber)]
    }

    public enum Validation: Hashable, Sendable {
        case valid(BackfillDose)
        case invalid([Field: RosterProblem.Reason])
    }

    /// The dose, or what is wrong with each field; a date after `today` (`yyyy-mm-dd`) is refused.
    public func validate(catalog: VaccineCatalog, today: String) -> Validation {
        let fields = Field.allCases
        let parser = BackfillRowParser(fields: fields.map(\.column), catalog: catalog, today: today)
        switch parser.parse(fields.map { values[$0] ?? "" }) {
        case .accepted(let dose):
            return .valid(dose)
        case .rejected(let problems):
            return .invalid(problems.byField(fields) { String(describing: $0.column) })
        }
    }
}
