import TerminalKit
import VaxCore

/// A session's report as the site lead reads it on the dashboard: every line `vaxdesk report session`
/// prints, scrolled with ↑/↓ when they do not fit.
struct ShownReport: Hashable {
    var report: SessionReport
    /// The first line shown.
    var top = 0

    /// The report's lines under the dialog's own title.
    func lines(_ context: Context) -> [String] {
        Array(report.lines(context.strings, productName: context.productName).dropFirst())
    }

    /// How many lines fit in the dialog over `area`, with its frame, hint and the line saying which
    /// lines are shown.
    static func rows(in area: Rect) -> Int { max(3, area.height - 7) }

    mutating func scroll(_ key: Key, lineCount: Int, rows: Int) {
        let last = max(0, lineCount - rows)
        switch key {
        case .up: top = max(0, top - 1)
        case .down: top = min(last, top + 1)
        case .pageUp: top = max(0, top - rows)
        case .pageDown: top = min(last, top + rows)
        case .home: top = 0
        case .end: top = last
        default: break
        }
    }
}
