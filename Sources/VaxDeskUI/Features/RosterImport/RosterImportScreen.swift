import Foundation
import TerminalKit
import VaxCore

/// The site lead imports the roster from a CSV file: the path, then a progress bar while the rows
/// are read, checked and written (the desk stays live), then the summary and where the refused rows are.
struct RosterImportScreen: StationScreen {
    typealias Effect = RosterImportEffect

    /// What the screen shows, from the desk's import job: the import is the desk's, so that locking,
    /// switching station or signing out neither stops it nor loses its outcome.
    enum Phase: Hashable {
        case choosing(failure: String?)
        case importing(done: Int, total: Int)
        case finished(RosterImportSummary, errorsFile: String?)

        init(_ job: RosterImportJob?) {
            switch job {
            case nil: self = .choosing(failure: nil)
            case .failed(let message)?: self = .choosing(failure: message)
            case .running(let done, let total)?: self = .importing(done: done, total: total)
            case .finished(let summary, let errorsFile)?: self = .finished(summary, errorsFile: errorsFile)
            }
        }
    }

    var field = TextField()
    var station: Station? { nil }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch Phase(context.rosterImport) {
        case .choosing:
            return KeyMap([
                KeyBinding([.enter], s["key.import"], .confirm,
                           disabledReason: field.text.trimmed.isEmpty ? s["rosterImport.pathRequired"] : nil),
                KeyBinding([.escape], s["key.back"], .switchStation),
            ])
        case .importing:
            // The import is the desk's: the site lead may go on with other work and hears when it ends.
            return KeyMap([KeyBinding([.escape], s["key.back"], .switchStation)])
        case .finished:
            // The desk takes the outcome away (`AppState.perform`); a new path may be typed then.
            return KeyMap([KeyBinding([.enter, .escape], s["key.close"], .dismiss)])
        }
    }

    mutating func perform(_ command: Command, _ context: Context) -> [RosterImportEffect] {
        guard case .choosing = Phase(context.rosterImport), command == .confirm, let user = context.user else { return [] }
        return [.importRoster(path: Self.expandingHome(field.text.trimmed), by: user.id)]
    }

    func otherKeys(_ context: Context) -> [KeyHelp] {
        if case .choosing = Phase(context.rosterImport) { return KeyHelp.of(.path, strings: context.strings) }
        return []
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [RosterImportEffect] {
        if case .choosing = Phase(context.rosterImport) { _ = field.handle(key) }
        return []
    }

    /// The import's news goes to the desk's job (`RosterImportJob`), never to this screen.
    mutating func receive(_ answer: RosterImportEffect.Answer, _ context: Context) -> Reaction<RosterImportEffect> { [] }

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
        switch Phase(context.rosterImport) {
        case .choosing(let failure):
            if let failure {
                buffer.put("✗ " + failure, x: area.x + 1, y: area.y + 5, style: .danger, clip: area)
            }
            return (cursorX, area.y + 3)
        case .importing(let done, let total):
            // Once every row is written, the search index is built and the whole is committed.
            let line = total > 0 && done >= total ? s["rosterImport.finishing"]
                : s.text("rosterImport.progress", ["done": NumberText.grouped(done), "total": NumberText.grouped(total)])
            buffer.put(line, x: area.x + 1, y: area.y + 5, clip: area)
            ProgressBar.draw(total > 0 ? Double(done) / Double(total) : 0,
                             in: Rect(x: area.x + 1, y: area.y + 6, width: min(70, area.width - 2), height: 1), into: &buffer)
            buffer.put(s["rosterImport.keepWorking"], x: area.x + 1, y: area.y + 8, style: .muted, clip: area)
        case .finished(let summary, let errorsFile):
            var lines = [
                s.text("rosterImport.lines", ["n": NumberText.grouped(summary.physicalLines)]),
                s.text("rosterImport.read", ["n": NumberText.grouped(summary.rowsRead)]),
                s.text("rosterImport.imported", ["n": NumberText.grouped(summary.imported)]),
                s.text("rosterImport.updated", ["n": NumberText.grouped(summary.updated)]),
                s.text("rosterImport.unchanged", ["n": NumberText.grouped(summary.unchanged)]),
                s.text("rosterImport.duplicates", ["n": NumberText.grouped(summary.duplicates)]),
                s.text("rosterImport.rejected", ["n": NumberText.grouped(summary.rejected)]),
            ]
            if let errorsFile { lines += ["", s["rosterImport.errorsAt"], errorsFile] }
            Dialog(title: s["rosterImport.doneTitle"], lines: lines, hint: s["rosterImport.doneHint"],
                   tone: summary.rejected > 0 ? .warning : .success).draw(in: area, into: &buffer)
        }
        return nil
    }
}
