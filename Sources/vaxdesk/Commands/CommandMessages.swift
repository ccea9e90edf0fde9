import ArgumentParser
import Foundation
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

    /// A message about `n` things (`Strings.count`).
    func count(_ key: String, _ n: Int, _ values: [String: String] = [:]) -> String {
        strings.count("cli.\(key)", n, values)
    }

    /// A refusal that argument parser prints as is (no usage text: the arguments were right), exit 1.
    func failure(_ key: String, _ values: [String: String]) -> CommandRefusal {
        CommandRefusal(text(key, values))
    }

    /// The bytes of a file the command was given, or a message naming it.
    func contents(of path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("fileUnreadable", ["path": path]) }
        return data
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
            throw CommandRefusal(strings.message(for: error))
        }
    }
}

/// What a command says when it cannot do what was asked, though the arguments were well formed (no
/// such database, a rule refused, a wrong PIN): the message alone, in the user's language, and exit
/// status 1. Malformed arguments stay `ValidationError`: the usage text and exit status 64.
struct CommandRefusal: Error, LocalizedError, CustomStringConvertible {
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
    var errorDescription: String? { message }
}
