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

    /// The staff member of `code` (any case, spaces ignored), or a message naming the code.
    func staffMember(_ code: String, in staff: [Staff]) throws -> Staff {
        guard let member = staff.first(where: { $0.code == code.trimmed.uppercased() }) else {
            throw failure("unknownStaff", ["code": code])
        }
        return member
    }

    /// Runs a store operation; a rule's refusal becomes its message in the user's language.
    @discardableResult
    func refusing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as VisitError {
            throw ValidationError(strings.message(for: error))
        }
    }
}
