import Foundation
import VaxCore

/// Reading a list file and reporting its refused rows, shared by the roster import and the backfill.
enum RosterFile {
    /// The table of a CSV file, or a message that says what is wrong with the file.
    static func read(_ path: String, messages: CommandMessages) throws -> CSVTable {
        do {
            return try CSVTable(text: text(path, messages: messages))
        } catch CSVTable.Failure.empty {
            throw messages.failure("importEmpty", ["file": path])
        }
    }

    /// The text of a list file, or a message that says why it cannot be read.
    static func text(_ path: String, messages: CommandMessages) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw messages.failure("importNoFile", ["file": path])
        }
        do {
            return try CSVTable.text(of: data)
        } catch {
            throw messages.failure("importNotUTF8", ["file": path])
        }
    }
}

extension RosterErrorReport {
    /// Writes the refused rows (Vietnamese and English reasons) to `path`, or prints them when no path
    /// was given; says nothing when no row was refused.
    func deliver(to path: String?, messages: CommandMessages) throws {
        guard rowCount > 0 else { return }
        if let path {
            try write(to: path)
            print(messages.text("importErrorsWritten", ["file": path]))
        } else {
            print(bilingualCSV, terminator: "")
        }
    }

    /// The refused rows with their reasons in Vietnamese and English.
    var bilingualCSV: String {
        csv(vietnamese: CommandMessages(language: .vietnamese).strings, english: CommandMessages(language: .english).strings)
    }

    func write(to path: String) throws {
        // It holds the refused rows' CCCDs and phones: the site's user's alone.
        try PrivateFile.write(bilingualCSV, to: path)
    }

    /// Where the site lead's screen puts the refused rows of `file`: beside it, `<name>-errors.csv`.
    static func path(besides file: String) -> String {
        URL(fileURLWithPath: file).deletingPathExtension().path + "-errors.csv"
    }
}
