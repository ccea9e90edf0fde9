import Foundation

/// The sqlite3 shell on a database file: another program's view of what VaxDesk wrote (an oracle
/// independent of the store's own SQL), or a hand changing the file behind the program's back.
public enum SQLiteShell {
    /// What the shell prints for `sql`, trimmed; throws when the shell fails.
    @discardableResult
    public static func text(_ path: String, _ sql: String) throws -> String {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path, sql]
        let pipe = Pipe()
        shell.standardOutput = pipe
        let errors = Pipe()
        shell.standardError = errors
        try shell.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        guard shell.terminationStatus == 0 else { throw Failed(sql: sql, message: message) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// One number (-1 when the answer is not one).
    public static func scalar(_ path: String, _ sql: String) throws -> Int {
        Int(try text(path, sql)) ?? -1
    }

    public struct Failed: Error, CustomStringConvertible {
        public let sql: String
        public let message: String
        public var description: String { "sqlite3 failed on \(sql): \(message)" }
    }
}

extension SQLiteShell {
    /// Whether the shell ran `sql` without an error (a trigger's refusal is one).
    public static func succeeds(_ path: String, _ sql: String) -> Bool {
        (try? text(path, sql)) != nil
    }
}
