import Foundation
import VaxCore

/// A key that a screen reads itself (typing into a field, moving in a list, c/k on the checklist), for
/// the help (F1): the key map's bindings list the others. Each says, in the desk's language, which keys
/// and what they do; only those of the screen's present state are listed.
struct KeyHelp: Hashable, Sendable {
    var keys: String
    var what: String

    enum Kind: String {
        case list, search, form, reason, answer, items, vitals, outcome, arm, lots, aefiOutcome
        case staffCode, pin, station, scroll, path, pinFields, doseFate
    }

    init(_ kind: Kind, _ strings: Strings) {
        keys = strings["help.\(kind.rawValue).keys"]
        what = strings["help.\(kind.rawValue).what"]
    }

    static func of(_ kinds: Kind..., strings: Strings) -> [KeyHelp] { kinds.map { KeyHelp($0, strings) } }
}
