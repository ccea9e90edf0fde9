import Foundation

/// A correction to a person's record: the fields that change, to what, and why. The corrected person
/// is held to the same rules as a new record (a CCCD that contradicts the birth date or the sex is
/// refused), and every field that changes is kept with its old value, so that nothing is lost.
public struct PersonCorrection: Hashable, Sendable {
    /// The new text of each field to correct, as typed; an empty text clears a field that may be empty.
    public var changes: [PersonForm.Field: String]
    public var reason: String

    public init(changes: [PersonForm.Field: String], reason: String) {
        self.changes = changes
        self.reason = reason
    }

    /// One field that changed, in the form the store keeps (birth date `yyyy-mm-dd` or `yyyy`, sex `M`/`F`).
    public struct Change: Hashable, Sendable {
        public var field: PersonForm.Field
        public var old: String?
        public var new: String?

        public init(field: PersonForm.Field, old: String?, new: String?) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    public enum Outcome: Hashable, Sendable {
        /// The person as corrected (same id), and what changed.
        case corrected(Person, [Change])
        /// What is wrong, field by field, with the person as they would be.
        case invalid([PersonForm.Field: RosterProblem.Reason])
        /// Every value is what the record says already.
        case unchanged
    }

    /// The person with these changes, checked as a new record would be.
    public func apply(to person: Person, provinces: ProvinceCodes, catalog: VaccineCatalog, currentYear: Int) -> Outcome {
        var form = PersonForm(person: person)
        for (field, value) in changes { form.values[field] = value.trimmed }
        switch form.validate(provinces: provinces, catalog: catalog, currentYear: currentYear) {
        case .invalid(let problems):
            return .invalid(problems)
        case .valid(var corrected):
            corrected.id = person.id
            corrected.insuranceNumber = person.insuranceNumber
            let changed = PersonForm.Field.allCases.compactMap { field -> Change? in
                let old = Self.stored(field, of: person), new = Self.stored(field, of: corrected)
                return old == new ? nil : Change(field: field, old: old, new: new)
            }
            return changed.isEmpty ? .unchanged : .corrected(corrected, changed)
        }
    }

    /// A field's value as the store keeps it.
    public static func stored(_ field: PersonForm.Field, of person: Person) -> String? {
        switch field {
        case .fullName: person.fullName
        case .birthDate: person.birthDate.stored
        case .sex: person.sex.rawValue
        case .identityNumber: person.identityNumber
        case .phone: person.phone
        case .address: person.address
        case .commune: person.commune
        case .priorityGroup: person.priorityGroup
        }
    }
}

/// A correction as the person's history shows it: the field, from what to what, why, by whom, when.
public struct PersonCorrectionEntry: Hashable, Sendable {
    public var change: PersonCorrection.Change
    public var reason: String
    public var staffCode: String
    public var at: Date

    public init(change: PersonCorrection.Change, reason: String, staffCode: String, at: Date) {
        self.change = change
        self.reason = reason
        self.staffCode = staffCode
        self.at = at
    }
}

/// Why a correction was not made: nothing differs from the record, or the corrected person breaks a
/// rule of a new record (each field with its reason, in the words of the roster's rules).
public enum CorrectionRefusal: Error, Hashable, Sendable {
    case unchanged
    case invalid([PersonForm.Field: RosterProblem.Reason])
}

extension PersonForm {
    /// The form as the person's record fills it: the starting point of a correction.
    public init(person: Person) {
        self.init(values: [
            .fullName: person.fullName, .birthDate: person.birthDate.description,
            .sex: person.sex == .male ? "Nam" : "Nữ", .identityNumber: person.identityNumber ?? "",
            .phone: person.phone ?? "", .address: person.address ?? "", .commune: person.commune ?? "",
            .priorityGroup: person.priorityGroup ?? "",
        ])
    }
}

extension PersonForm.Field {
    /// The name of the field in the store and on the command line (`--field birth-date`).
    public var name: String {
        switch self {
        case .fullName: "full-name"
        case .birthDate: "birth-date"
        case .sex: "sex"
        case .identityNumber: "identity-number"
        case .phone: "phone"
        case .address: "address"
        case .commune: "commune"
        case .priorityGroup: "priority-group"
        }
    }

    public init?(name: String) {
        guard let field = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = field
    }
}

extension Strings {
    /// "Ngày sinh: 07/03/1958 → 17/03/1958": a change as the person's history shows it, each value as
    /// the desk shows it (a birth date as a date, a sex as a word, an empty value as "không có").
    public func text(for change: PersonCorrection.Change) -> String {
        func shown(_ value: String?) -> String {
            guard let value, !value.isEmpty else { return self["common.none"] }
            switch change.field {
            case .birthDate: return BirthDate(stored: value)?.description ?? value
            case .sex: return self["sex.\(value)"]
            default: return value
            }
        }
        return self["walkIn.\(change.field)"] + ": " + shown(change.old) + " → " + shown(change.new)
    }

    /// What is wrong with a corrected record, field by field: "Số CCCD/CMND: Chữ số thứ 4 …".
    public func text(for problems: [PersonForm.Field: RosterProblem.Reason]) -> [String] {
        problems.sorted { $0.key.rawValue < $1.key.rawValue }.map { self["walkIn.\($0.key)"] + ": " + self[$0.value.rawValue] }
    }
}
