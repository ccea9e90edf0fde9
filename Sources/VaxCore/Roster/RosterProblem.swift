/// Why a roster row was not imported: the column and what to fix. `rawValue` names the text in
/// `Resources/data/strings`, so the error report reads in Vietnamese and in English.
public struct RosterProblem: Hashable, Sendable {
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        case missingName = "roster.missingName"
        case missingBirthDate = "roster.missingBirthDate"
        case badBirthDate = "roster.badBirthDate"
        case implausibleBirthDate = "roster.implausibleBirthDate"
        case missingSex = "roster.missingSex"
        case badSex = "roster.badSex"
        case badIdentityNumber = "roster.badIdentityNumber"
        case identitySexMismatch = "roster.identitySexMismatch"
        case identityCenturyMismatch = "roster.identityCenturyMismatch"
        case identityYearMismatch = "roster.identityYearMismatch"
        case badPhone = "roster.badPhone"
        case unknownProduct = "roster.unknownProduct"
        case badDoseDate = "roster.badDoseDate"
        case doseWithoutDate = "roster.doseWithoutDate"
        case doseWithoutProduct = "roster.doseWithoutProduct"
        case badDoseNumber = "roster.badDoseNumber"
        case doseInFuture = "roster.doseInFuture"
        case personNotFound = "roster.personNotFound"
        case personAmbiguous = "roster.personAmbiguous"
    }

    /// The header of the column, as written in the file.
    public let column: String
    public let value: String
    public let reason: Reason

    public init(column: String, value: String, reason: Reason) {
        self.column = column
        self.value = value
        self.reason = reason
    }
}

extension Array<RosterProblem> {
    /// The first reason of each form field, for a form whose parser names each column by `header(field)`.
    func byField<Field: Hashable>(_ fields: [Field], header: (Field) -> String) -> [Field: RosterProblem.Reason] {
        var reasons: [Field: RosterProblem.Reason] = [:]
        for problem in self {
            guard let field = fields.first(where: { header($0) == problem.column }) else { continue }
            if reasons[field] == nil { reasons[field] = problem.reason }
        }
        return reasons
    }
}
