import ArgumentParser
import Foundation
import VaxCore
import VaxStore

/// A site database that cannot be opened or written is told in the user's language with what to do next (a full
/// disk as "disk full", never as SQLite's "disk I/O error"), whichever command met it.
enum OpenFailure {
    static func message(_ failure: AppDatabase.OpenFailed, language: Language) -> String {
        let messages = CommandMessages(language: language)
        return messages.text("openFailed", [
            "path": failure.path, "problem": messages.strings["storage.\(failure.problem.rawValue)"],
            "advice": advice(failure.problem, messages),
        ])
    }

    /// A write that the store could not make (the database was open): nothing of it was recorded.
    static func message(storing problem: StorageProblem, language: Language) -> String {
        let messages = CommandMessages(language: language)
        return messages.text("storeFailed", ["problem": messages.strings["storage.\(problem.rawValue)"], "advice": advice(problem, messages)])
    }

    private static func advice(_ problem: StorageProblem, _ messages: CommandMessages) -> String {
        let key: String = switch problem {
        case .diskFull: "diskFull"
        case .readOnly: "readOnly"
        case .diskError: "diskError"
        case .damaged: "damaged"
        case .busy: "busy"
        case .cannotOpen, .other: "other"
        }
        return messages.text("advice.\(key)")
    }

    /// The language asked for on the command line (`--lang`), else `$VAXDESK_LANG`, else Vietnamese.
    static func language(_ arguments: [String]) -> Language {
        let given = arguments.firstIndex(of: "--lang").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
            ?? arguments.first { $0.hasPrefix("--lang=") }.map { String($0.dropFirst("--lang=".count)) }
            ?? ProcessInfo.processInfo.environment["VAXDESK_LANG"]
        return given.flatMap(Language.init(rawValue:)) ?? .vietnamese
    }
}
