import Foundation

/// A dose given but never recorded (a paper record), to enter after the fact.
public struct BackfillDose: Hashable, Sendable {
    /// Who: by identity number when the row has one, else by name and birth date.
    public var identityNumber: String?
    public var fullName: String?
    public var birthDate: BirthDate?
    public var dose: PriorDose
    public var lotNumber: String?
    public var place: String?

    public init(identityNumber: String?, fullName: String?, birthDate: BirthDate?, dose: PriorDose,
                lotNumber: String? = nil, place: String? = nil) {
        self.identityNumber = identityNumber
        self.fullName = fullName
        self.birthDate = birthDate
        self.dose = dose
        self.lotNumber = lotNumber
        self.place = place
    }
}

/// Reads the rows of a backfill file: one dose per row, with the person (CCCD/CMND, or name and birth
/// date), the dose number, the vaccine, the date, and optionally the lot and the place.
public struct BackfillRowParser: Sendable {
    enum Column: Hashable { case identity, name, birth, doseNumber, product, date, lot, place }

    static let aliases: [(String, Column)] = [
        ("so cccd/cmnd", .identity), ("cccd/cmnd", .identity), ("so cccd", .identity), ("cccd", .identity),
        ("cmnd", .identity), ("identity number", .identity),
        ("ho va ten", .name), ("ho ten", .name), ("full name", .name), ("name", .name),
        ("ngay sinh", .birth), ("nam sinh", .birth), ("date of birth", .birth), ("birth date", .birth),
        ("mui so", .doseNumber), ("mui", .doseNumber), ("mui thu", .doseNumber), ("dose number", .doseNumber), ("dose", .doseNumber),
        ("vac xin", .product), ("loai vac xin", .product), ("ten vac xin", .product), ("vaccine", .product), ("product", .product),
        ("ngay tiem", .date), ("date given", .date), ("date", .date),
        ("so lo", .lot), ("lo", .lot), ("lot", .lot), ("lot number", .lot),
        ("noi tiem", .place), ("co so tiem", .place), ("place", .place),
    ]

    let columns: [(index: Int, column: Column, header: String)]
    let catalog: VaccineCatalog
    /// Doses dated after this day (`yyyy-mm-dd`) are refused.
    let today: String?
    /// Whether the person is known already (a form at the desk), so that the row need not name them.
    let personKnown: Bool

    public init(header: [String], catalog: VaccineCatalog, today: String? = nil) {
        columns = header.enumerated().compactMap { index, text in
            let key = RosterColumn.key(text)
            return Self.aliases.first { $0.0 == key }.map { (index, $0.1, text) }
        }
        self.catalog = catalog
        self.today = today
        personKnown = false
    }

    /// A parser for values given column by column for a known person; problems name their column by
    /// `String(describing:)` of the column.
    init(fields: [Column], catalog: VaccineCatalog, today: String) {
        columns = fields.enumerated().map { ($0.offset, $0.element, String(describing: $0.element)) }
        self.catalog = catalog
        self.today = today
        personKnown = true
    }

    /// Whether the file names the vaccine, the date, the dose number and a way to find the person.
    public var hasRequiredColumns: Bool {
        let present = Set(columns.map(\.column))
        return present.isSuperset(of: [.product, .date, .doseNumber])
            && (present.contains(.identity) || present.isSuperset(of: [.name, .birth]))
    }

    public enum Outcome: Hashable, Sendable {
        case accepted(BackfillDose)
        case rejected([RosterProblem])
    }

    public func parse(_ fields: [String]) -> Outcome {
        var values: [Column: (value: String, header: String)] = [:]
        for (index, column, header) in columns {
            values[column] = (index < fields.count ? fields[index].trimmed : "", header)
        }
        var problems: [RosterProblem] = []
        func value(_ column: Column) -> String? {
            values[column].flatMap { $0.value.isEmpty ? nil : $0.value.precomposed }
        }
        func problem(_ column: Column, _ reason: RosterProblem.Reason) {
            problems.append(RosterProblem(column: values[column]?.header ?? "", value: values[column]?.value ?? "", reason: reason))
        }
        let identity = value(.identity).flatMap(IdentityNumber.normalize)
        if value(.identity) != nil && identity == nil { problem(.identity, .badIdentityNumber) }
        let name = value(.name).map(NameFolding.normalizeName)
        let birth = value(.birth).flatMap(RosterDate.parse)
        if !personKnown && identity == nil && (name == nil || birth == nil) && problems.isEmpty {
            problem(name == nil ? .name : .birth, name == nil ? .missingName : .missingBirthDate)
        }
        let number = value(.doseNumber).flatMap { Int($0.filter(\.isASCIIDigit)) }
        if number == nil || !(1...9).contains(number!) { problem(.doseNumber, .badDoseNumber) }
        let product = value(.product).flatMap(catalog.product(named:))
        if product == nil { problem(.product, value(.product) == nil ? .doseWithoutProduct : .unknownProduct) }
        let date = value(.date).flatMap(RosterDate.parse)
        if date?.month == nil {
            problem(.date, value(.date) == nil ? .doseWithoutDate : .badDoseDate)
        } else if let today, let date, date.stored > today {
            problem(.date, .doseInFuture)
        }
        guard problems.isEmpty, let number, let product, let date else { return .rejected(problems) }
        return .accepted(BackfillDose(
            identityNumber: identity, fullName: name, birthDate: birth,
            dose: PriorDose(doseNumber: number, productCode: product.code, givenOn: date.stored),
            lotNumber: value(.lot), place: value(.place)))
    }
}
