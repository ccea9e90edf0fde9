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
        /// The row as a whole could not be read from the file.
        case unclosedQuote = "roster.unclosedQuote"
        case fieldTooLong = "roster.fieldTooLong"
        case notUTF8 = "roster.notUTF8"
        /// The identity number names someone else: an earlier row of the file (`details`: line, name,
        /// birth) or a person already on the roster (name, birth).
        case identityConflictInFile = "roster.identityConflictInFile"
        case identityConflictOnRoster = "roster.identityConflictOnRoster"
    }

    /// The header of the column, as written in the file.
    public let column: String
    public let value: String
    public let reason: Reason
    /// Values for the reason's text (`{line}`, `{name}`…), when it names something else.
    public let details: [String: String]

    public init(column: String, value: String, reason: Reason, details: [String: String] = [:]) {
        self.column = column
        self.value = value
        self.reason = reason
        self.details = details
    }

    /// Why a record of the file could not be read at all, with the column it concerns when one does.
    public init(_ problem: CSVRecord.Problem, record: CSVRecord, header: [String]) {
        switch problem {
        case .unclosedQuote:
            self.init(column: "", value: Self.shown(record.fields.joined(separator: ",")), reason: .unclosedQuote)
        case .fieldTooLong(let index):
            self.init(column: index < header.count ? header[index] : "", value: Self.shown(record.fields[index]), reason: .fieldTooLong,
                      details: ["limit": String(CSVScanner.fieldByteLimit)])
        case .notUTF8:
            self.init(column: "", value: Self.shown(record.fields.joined(separator: ",")), reason: .notUTF8)
        }
    }

    /// The start of a value, for a report that must stay readable.
    static func shown(_ value: String) -> String {
        value.count > 40 ? String(value.prefix(40)) + "…" : value
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
