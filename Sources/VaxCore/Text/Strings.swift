import Foundation

/// Every string the user sees, by key, in one language, loaded from `Resources/data/strings/`.
///
/// `{name}` placeholders are filled by `text(_:_:)`. A missing key shows the key itself, so a gap is
/// visible in a screen test rather than a crash at a desk.
public struct Strings: Sendable {
    public let language: Language
    private let table: [String: String]

    public init(language: Language, table: [String: String]) {
        self.language = language
        self.table = table
    }

    public init(language: Language, json: Data) throws {
        self.init(language: language, table: try JSONDecoder().decode([String: String].self, from: json))
    }

    public subscript(key: String) -> String { table[key] ?? key }

    /// The text of a key that only some items have (a hint for some fields of a form).
    public func optional(_ key: String) -> String? { table[key] }

    public func text(_ key: String, _ values: [String: String]) -> String {
        var text = self[key]
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// A text about `n` things, `{n}` filled: the key's `.one` form when there is one thing and the
    /// language has one ("1 dose", not "1 doses"; Vietnamese needs none).
    public func count(_ key: String, _ n: Int, _ values: [String: String] = [:]) -> String {
        let one = key + ".one"
        return text(n == 1 && table[one] != nil ? one : key, values.merging(["n": String(n)]) { $1 })
    }

    public var keys: Dictionary<String, String>.Keys { table.keys }
}
