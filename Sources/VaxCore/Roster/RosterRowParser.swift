import Foundation

/// Turns the rows of a roster file into people, or into the problems that stop a row. Nothing is
/// guessed: a value that cannot be read is a problem to fix, never dropped or replaced.
public struct RosterRowParser: Sendable {
    /// Which column of the file holds what (columns VaxDesk does not read are left out).
    public let columns: [(index: Int, column: RosterColumn, header: String)]
    let provinces: ProvinceCodes
    let catalog: VaccineCatalog
    /// Birth dates after this year are refused.
    let currentYear: Int

    public init(header: [String], provinces: ProvinceCodes, catalog: VaccineCatalog, currentYear: Int) {
        columns = header.enumerated().compactMap { index, text in
            RosterColumn(header: text).map { (index, $0, text) }
        }
        self.provinces = provinces
        self.catalog = catalog
        self.currentYear = currentYear
    }

    /// A parser for values given column by column (a form rather than a file): each problem names its
    /// column by `RosterColumn.formHeader`.
    public init(fields: [RosterColumn], provinces: ProvinceCodes, catalog: VaccineCatalog, currentYear: Int) {
        columns = fields.enumerated().map { ($0.offset, $0.element, $0.element.formHeader) }
        self.provinces = provinces
        self.catalog = catalog
        self.currentYear = currentYear
    }

    /// The columns a roster must have to be read at all.
    public var missingRequiredColumns: [RosterColumn] {
        [RosterColumn.fullName, .birthDate, .sex].filter { required in !columns.contains { $0.column == required } }
    }

    /// What became of one row.
    public enum Outcome: Hashable, Sendable {
        case accepted(RosterEntry)
        case rejected([RosterProblem])
    }

    public func parse(_ fields: [String]) -> Outcome {
        let values = RowValues(entries: columns.map { index, column, header in
            (column, index < fields.count ? fields[index].trimmed : "", header)
        })
        var problems: [RosterProblem] = []
        func problem(_ column: RosterColumn, _ reason: RosterProblem.Reason) {
            let entry = values[column]
            problems.append(RosterProblem(column: entry?.header ?? "", value: entry?.value ?? "", reason: reason))
        }
        func text(_ column: RosterColumn) -> String? {
            guard let value = values[column]?.value, !value.isEmpty else { return nil }
            return Printable.text(value.precomposed)
        }

        let name = text(.fullName).map(NameFolding.normalizeName)
        if name == nil { problem(.fullName, .missingName) }

        var birth: BirthDate?
        if let raw = text(.birthDate) {
            if let parsed = RosterDate.parse(raw) {
                if ((currentYear - 130)...currentYear).contains(parsed.year) {
                    birth = parsed
                } else {
                    problem(.birthDate, .implausibleBirthDate)
                }
            } else {
                problem(.birthDate, .badBirthDate)
            }
        } else {
            problem(.birthDate, .missingBirthDate)
        }

        var sex: Sex?
        if let raw = text(.sex) {
            sex = Self.sex(raw)
            if sex == nil { problem(.sex, .badSex) }
        } else {
            problem(.sex, .missingSex)
        }

        var identity: String?
        if let raw = text(.identityNumber) {
            if let digits = IdentityNumber.normalize(raw) {
                identity = digits
                if digits.count == 12, let birth, let sex {
                    for issue in CitizenID.check(digits, birthYear: birth.year, sex: sex, provinces: provinces) where issue.isFatal {
                        switch issue {
                        case .sexMismatch: problem(.identityNumber, .identitySexMismatch)
                        case .centuryMismatch: problem(.identityNumber, .identityCenturyMismatch)
                        case .yearMismatch: problem(.identityNumber, .identityYearMismatch)
                        default: problem(.identityNumber, .badIdentityNumber)
                        }
                    }
                }
            } else {
                problem(.identityNumber, .badIdentityNumber)
            }
        }

        var phone: String?
        if let raw = text(.phone) {
            phone = PhoneNumber.normalize(raw)
            if phone == nil { problem(.phone, .badPhone) }
        }

        let doses = parseDoses(values: values, problem: problem)

        guard problems.isEmpty, let name, let birth, let sex else { return .rejected(problems) }
        return .accepted(RosterEntry(
            person: Person(
                fullName: name, birthDate: birth, sex: sex, identityNumber: identity, phone: phone,
                address: text(.address).map(NameFolding.collapseSpaces), commune: text(.commune).map(NameFolding.collapseSpaces),
                priorityGroup: text(.priorityGroup), insuranceNumber: text(.insurance)?.uppercased()),
            priorDoses: doses))
    }

    private func parseDoses(
        values: RowValues, problem: (RosterColumn, RosterProblem.Reason) -> Void
    ) -> [PriorDose] {
        let numbers = Set(values.entries.compactMap { entry -> Int? in
            switch entry.column {
            case .doseProduct(let n), .doseDate(let n): n
            default: nil
            }
        }).sorted()
        var doses: [PriorDose] = []
        for number in numbers {
            let productText = values[.doseProduct(number)]?.value ?? ""
            let dateText = values[.doseDate(number)]?.value ?? ""
            if productText.isEmpty && dateText.isEmpty { continue }
            guard !productText.isEmpty else { problem(.doseDate(number), .doseWithoutProduct); continue }
            guard let product = catalog.product(named: productText) else {
                problem(.doseProduct(number), .unknownProduct)
                continue
            }
            guard !dateText.isEmpty else { problem(.doseProduct(number), .doseWithoutDate); continue }
            guard let date = RosterDate.parse(dateText), date.month != nil else {
                problem(.doseDate(number), .badDoseDate)
                continue
            }
            doses.append(PriorDose(doseNumber: number, productCode: product.code, givenOn: date.stored))
        }
        return doses
    }

    static func sex(_ text: String) -> Sex? {
        switch NameFolding.fold(text) {
        case "nam", "m", "male", "trai": .male
        case "nu", "f", "female", "gai": .female
        default: nil
        }
    }
}

/// A row's values by column: a dozen entries, found faster by a linear look than by hashing each
/// column on every row of a million.
struct RowValues {
    let entries: [(column: RosterColumn, value: String, header: String)]

    subscript(column: RosterColumn) -> (value: String, header: String)? {
        entries.first { $0.column == column }.map { ($0.value, $0.header) }
    }
}
