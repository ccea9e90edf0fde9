import Foundation
import VaxCore

/// A field of the correction form at the last look: one of the person's, or why they are corrected.
enum CorrectionField: Hashable, Sendable {
    case person(PersonForm.Field)
    case reason

    static let all = PersonForm.Field.allCases.map(Self.person) + [.reason]

    /// The form as the record fills it. With a card scanned, what the card says where it disagrees
    /// with the record, and the card as the reason: correcting the roster from the card is Enter.
    static func form(for person: Person, card: CitizenCardQR?, _ strings: Strings) -> FormEditor<CorrectionField> {
        var values = Dictionary(uniqueKeysWithValues: PersonForm(person: person).values.map { (Self.person($0.key), $0.value) })
        if let card, !card.differences(from: person).isEmpty {
            let fromCard = PersonForm(card: card).values
            for field in [PersonForm.Field.fullName, .birthDate, .sex, .identityNumber] { values[.person(field)] = fromCard[field] }
            values[.reason] = strings["correction.fromCard"]
        }
        var form = FormEditor(fields: all, values: values)
        form.focus(on: values[.reason] == nil ? .person(.fullName) : .reason)
        return form
    }

    /// What the form asks to change, checked as the store will check it; or what is wrong, by field.
    static func correction(_ form: FormEditor<CorrectionField>, of person: Person, _ context: Context)
        -> Result<PersonCorrection, Problems>
    {
        let reason = (form.values[.reason] ?? "").trimmed
        let recorded = PersonForm(person: person).values
        var changes: [PersonForm.Field: String] = [:]
        for field in PersonForm.Field.allCases {
            let typed = (form.values[.person(field)] ?? "").trimmed
            if typed != (recorded[field] ?? "") { changes[field] = typed }
        }
        let correction = PersonCorrection(changes: changes, reason: reason)
        switch correction.apply(to: person, provinces: context.provinces, catalog: context.catalog,
                                currentYear: context.todayAtSite.year) {
        case .unchanged: return .failure(Problems(problems(.unchanged)))
        case .invalid(let found): return .failure(Problems(problems(.invalid(found))))
        case .corrected:
            return reason.isEmpty ? .failure(Problems([.reason: "correction.reasonRequired"])) : .success(correction)
        }
    }

    /// Problems as the form shows them: string keys by field.
    struct Problems: Error, Hashable {
        var byField: [CorrectionField: String]
        init(_ byField: [CorrectionField: String]) { self.byField = byField }
    }

    static func problems(_ refusal: CorrectionRefusal) -> [CorrectionField: String] {
        switch refusal {
        case .unchanged: [.person(.fullName): "correction.unchanged"]
        case .invalid(let found): Dictionary(uniqueKeysWithValues: found.map { (Self.person($0.key), $0.value.rawValue) })
        }
    }
}
