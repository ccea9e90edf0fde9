import ArgumentParser
import VaxCore
import VaxResources

/// Messages of the command line, in the user's language (from the same string files as the desks).
struct CommandMessages {
    let strings: Strings

    init(language: Language) {
        strings = (try? Strings(language: language, json: VaxResources.data("strings/\(language.rawValue).json")))
            ?? Strings(language: language, table: [:])
    }

    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        strings.text("cli.\(key)", values)
    }

    /// An error that argument parser prints as is, and exits non-zero.
    func failure(_ key: String, _ values: [String: String]) -> ValidationError {
        ValidationError(text(key, values))
    }
}
