import ArgumentParser
import Foundation
import VaxCore
import VaxStore

/// `--by CODE`: the staff member a command acts for, who proves it with their PIN. The store then
/// checks that their role may do the act, as it does for a desk.
struct ActingStaff: ParsableArguments {
    @Option(help: "Your staff code. Your PIN is asked for, or read from the first line of standard input.")
    var by: String

    /// Signs in (audited, counted towards the lock like a desk's sign-in), or fails with the reason.
    func signIn(_ database: AppDatabase, messages: CommandMessages) throws -> Staff {
        try Self.signIn(code: by, database, messages: messages)
    }

    /// Signs in, and refuses before anything is read unless the role may do `act` (a command that only
    /// reads, such as a history of personal data, is held to the act that writes it).
    func signIn(_ database: AppDatabase, messages: CommandMessages, for act: Act) throws -> Staff {
        let member = try signIn(database, messages: messages)
        guard member.role.may(act) else {
            throw CommandRefusal(messages.strings.message(for: .notPermitted(act, role: member.role)))
        }
        return member
    }

    static func signIn(code: String, _ database: AppDatabase, messages: CommandMessages) throws -> Staff {
        let pin = PINPrompt.read(prompt: messages.text("pinPrompt", ["code": code.uppercased()]))
        do {
            return try database.signIn(code: code, pin: pin, at: Date())
        } catch let refusal as SignInRefusal {
            throw CommandRefusal(messages.strings.message(for: refusal, timeZone: LocalDay.vietnam))
        } catch let problem as SiteKeyProblem {
            throw CommandRefusal(messages.strings.text("siteKey.\(problem.name)", ["file": problem.file]))
        }
    }
}

/// Reads a PIN: from the terminal with echo off, or the first line of standard input when it is a
/// pipe (scripts). Never from an argument, which other users could read in the process list.
enum PINPrompt {
    static func read(prompt: String) -> String {
        guard isatty(STDIN_FILENO) != 0 else { return readLine()?.trimmingCharacters(in: .whitespaces) ?? "" }
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
    }
}
