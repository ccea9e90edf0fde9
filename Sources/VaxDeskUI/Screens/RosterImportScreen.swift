import Foundation
import TerminalKit
import VaxCore

/// The site lead imports the roster from a CSV file: the path, then a progress bar while the rows
/// are read, checked and written (the desk stays live), then the summary and where the refused rows are.
struct RosterImportScreen: StationScreen {
    enum Phase: Hashable {
        case choosing
        case importing(done: Int, total: Int)
        case finished(RosterImportSummary, errorsFile: String?)
    }

    var field = TextField()
    var phase = Phase.choosing
    /// Why the last attempt did not start or failed.
    var failure: String?
    var station: Station? { nil }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .choosing:
            return KeyMap([
                KeyBinding([.enter], s["key.import"], .confirm,
                           disabledReason: field.text.trimmed.isEmpty ? s["rosterImport.pathRequired"] : nil),
                KeyBinding([.escape], s["key.back"], .switchStation),
            ])
        case .importing:
            return KeyMap([])
        case .finished:
            return KeyMap([KeyBinding([.enter, .escape], s["key.close"], .dismiss)])
        }
    }

    mutating func perform(_ command: Command, _ context: Context) -> [AppEffect] {
        switch (phase, command) {
        case (.choosing, .confirm):
            guard let user = context.user else { return [] }
            failure = nil
            phase = .importing(done: 0, total: 0)
            return [.importRoster(path: Self.expandingHome(field.text.trimmed), by: user.id)]
        case (.finished, .dismiss):
            phase = .choosing
            field = TextField()
            return []
        default:
            return []
        }
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [AppEffect] {
        if phase == .choosing, field.handle(key) { failure = nil }
        return []
    }

    mutating func receive(_ action: AppAction, _ context: Context) -> [AppEffect] {
        switch action {
        case .importProgress(let done, let total):
            if case .importing = phase { phase = .importing(done: done, total: total) }
        case .rosterImported(let summary, let errorsFile):
            phase = .finished(summary, errorsFile: errorsFile)
        case .importFailed(let message):
            failure = message
            phase = .choosing
        default:
            break
        }
        return []
    }

    func refresh(_ context: Context) -> [AppEffect] { [] }

    /// `~/lists/roster.csv` as typed at a prompt.
    static func expandingHome(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] else { return path }
        return home + path.dropFirst(1)
    }

    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        buffer.put(s["rosterImport.title"], x: area.x + 1, y: area.y, style: .title)
        buffer.put(s["rosterImport.explain"], x: area.x + 1, y: area.y + 1, style: .muted, clip: area)
        let label = s["rosterImport.pathLabel"]
        buffer.put(label, x: area.x + 1, y: area.y + 3, style: .bold)
        let fieldRect = Rect(x: area.x + 2 + label.displayWidth, y: area.y + 3,
                             width: area.width - label.displayWidth - 4, height: 1)
        let cursorX = field.draw(in: fieldRect, into: &buffer)
        if let failure {
            buffer.put("✗ " + failure, x: area.x + 1, y: area.y + 5, style: .danger, clip: area)
        }
        switch phase {
        case .choosing:
            return (cursorX, area.y + 3)
        case .importing(let done, let total):
            // Once every row is written, the search index is built and the whole is committed.
            let line = total > 0 && done >= total ? s["rosterImport.finishing"]
                : s.text("rosterImport.progress", ["done": Self.grouped(done), "total": Self.grouped(total)])
            buffer.put(line, x: area.x + 1, y: area.y + 5, clip: area)
            ProgressBar.draw(total > 0 ? Double(done) / Double(total) : 0,
                             in: Rect(x: area.x + 1, y: area.y + 6, width: min(70, area.width - 2), height: 1), into: &buffer)
            buffer.put(s["rosterImport.keepWorking"], x: area.x + 1, y: area.y + 8, style: .muted, clip: area)
        case .finished(let summary, let errorsFile):
            var lines = [
                s.text("rosterImport.read", ["n": Self.grouped(summary.rowsRead)]),
                s.text("rosterImport.imported", ["n": Self.grouped(summary.imported)]),
                s.text("rosterImport.updated", ["n": Self.grouped(summary.updated)]),
                s.text("rosterImport.unchanged", ["n": Self.grouped(summary.unchanged)]),
                s.text("rosterImport.duplicates", ["n": Self.grouped(summary.duplicates)]),
                s.text("rosterImport.rejected", ["n": Self.grouped(summary.rejected)]),
            ]
            if let errorsFile { lines += ["", s["rosterImport.errorsAt"], errorsFile] }
            Dialog(title: s["rosterImport.doneTitle"], lines: lines, hint: s["rosterImport.doneHint"],
                   tone: summary.rejected > 0 ? .warning : .success).draw(in: area, into: &buffer)
        }
        return nil
    }

    /// 1 000 000, as Vietnamese forms group digits.
    static func grouped(_ n: Int) -> String {
        var digits = Array(String(n))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(".", at: index)
            index -= 3
        }
        return String(digits)
    }
}
