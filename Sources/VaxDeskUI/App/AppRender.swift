import Foundation
import TerminalKit
import VaxCore

extension AppState {
    /// Draws the whole desk into a buffer of the terminal's size; returns it with the cursor position.
    /// Pure: the same state always gives the same frame.
    public func render() -> (Buffer, cursor: (x: Int, y: Int)?) {
        var buffer = Buffer(size: size)
        guard size.isLargeEnough else {
            drawTooSmall(into: &buffer)
            return (buffer, nil)
        }
        let (header, rest) = buffer.bounds.splitTop(1)
        let (body, footer) = rest.splitBottom(2)
        drawHeader(in: header, into: &buffer)
        let area = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        var cursor = screen.current.render(in: area, into: &buffer, context)
        if let alert = context.alerts.first {
            drawAlertBanner(alert, in: body.row(0), into: &buffer)
            if isAlertingSiteLead {
                drawAlertDialog(alert, in: area, into: &buffer)
                cursor = nil
            }
        }
        if let board = lockedObservationBoard {
            // The observation board stays in view while the desk is locked: how many, never who.
            let s = context.strings
            let text = s.text("lock.observation", ["due": String(board.due), "overdue": String(board.overdue),
                                                   "watching": String(board.watching)])
            buffer.put(text, x: area.x + 2, y: area.maxY - 2, style: board.overdue > 0 ? .danger : board.due > 0 ? .warning : .muted,
                       clip: area)
        }
        drawNotice(in: footer.row(0), into: &buffer)
        FunctionBar.draw(keyMap(), in: footer.row(1), into: &buffer)
        if askingToDiscard {
            let s = context.strings
            Dialog(title: s["discard.title"], lines: [s["discard.detail"]], hint: s["discard.hint"], tone: .warning)
                .draw(in: area, into: &buffer)
            cursor = nil
        }
        if showingHelp {
            drawHelp(in: body, into: &buffer)
            cursor = nil
        }
        return (buffer, isSaving ? nil : cursor)
    }

    private func drawHeader(in rect: Rect, into buffer: inout Buffer) {
        let s = context.strings
        var right = context.time(context.now, seconds: true)
        if let user = context.user { right = user.fullName + " · " + right }
        // The station is what a passer-by reads first: when the row is narrow, the product's name goes,
        // then the end of the site's name, never the station's.
        let room = rect.width - right.displayWidth - 2
        let tail = station.map { " · " + s["station.\($0.rawValue)"] } ?? ""
        var left = "VaxDesk · " + siteName + tail
        if left.displayWidth > room { left = siteName + tail }
        if left.displayWidth > room { left = siteName.truncated(toWidth: max(8, room - tail.displayWidth)) + tail }
        StatusLine.draw(left: left, right: right, in: rect, into: &buffer, style: Style(tone: .accent, bold: true, reverse: true))
    }

    private func drawNotice(in rect: Rect, into buffer: inout Buffer) {
        let s = context.strings
        var right = s.text("status.outbox", ["n": String(sync.pending)])
        if sync.lastError != nil {
            right += " · " + s["status.syncFailing"]
        } else if let success = sync.lastSuccess {
            right += " · " + s.text("status.syncedAt", ["time": context.time(success)])
        }
        if context.session == nil { right = s["status.noSession"] + " · " + right }
        let left: String
        var style = Style.muted
        if isSaving {
            left = s["status.saving"]
            style = .warning
        } else if let notice {
            left = notice.text
            style = Style(tone: notice.tone, bold: notice.tone != .normal)
        } else {
            left = ""
        }
        buffer.fill(rect)
        let rightWidth = right.displayWidth
        // A message longer than its row goes on in the rows above it (three in all at most), each row
        // cleared first: what the store refused is read whole, never cut at the outbox count.
        let width = max(1, rect.width - rightWidth - 3)
        var lines = left.wrapped(toWidth: width)
        if lines.count > 3 { lines = Array(lines.prefix(2)) + [lines.dropFirst(2).joined(separator: " ").truncated(toWidth: width)] }
        for (index, line) in lines.enumerated() {
            let y = rect.y - (lines.count - 1 - index)
            buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1))
            buffer.put(line, x: rect.x + 1, y: y, style: style)
        }
        buffer.put(right, x: rect.maxX - rightWidth, y: rect.y, style: context.session == nil ? .warning : .muted)
    }

    /// "⚠ PHẢN ỨNG NẶNG · Số 12 Nguyễn Văn Đức · phản vệ độ II · 10:42": on every desk until the site
    /// lead acknowledges it.
    /// Signed out or locked, the desk says only that an event waits: no name.
    private func drawAlertBanner(_ alert: AdverseEvent, in rect: Rect, into buffer: inout Buffer) {
        let s = context.strings
        let style = Style(tone: .danger, bold: true, reverse: true)
        guard context.user != nil else {
            buffer.fill(rect, style: style)
            buffer.put(s["alert.signInToSee"].truncated(toWidth: rect.width - 2), x: rect.x + 1, y: rect.y, style: style)
            return
        }
        var parts = [s["alert.serious"]]
        if let ticket = alert.ticket { parts.append(s.text("common.ticket", ["n": String(ticket)])) }
        if let person = alert.person { parts.append(person.fullName) }
        if let grade = alert.anaphylaxisGrade { parts.append(s.text("alert.grade", ["grade": Self.roman(grade)])) }
        parts.append(context.time(alert.onset))
        var text = parts.joined(separator: " · ")
        if context.alerts.count > 1 { text += " " + s.text("alert.more", ["n": String(context.alerts.count - 1)]) }
        buffer.fill(rect, style: style)
        buffer.put(text.truncated(toWidth: rect.width - 2), x: rect.x + 1, y: rect.y, style: style)
    }

    /// The site lead's desk: the event in full, to acknowledge before anything else.
    private func drawAlertDialog(_ alert: AdverseEvent, in area: Rect, into buffer: inout Buffer) {
        let s = context.strings
        var lines: [String] = []
        if let person = alert.person { lines.append(context.identityLine(ticket: alert.ticket, person: person)) }
        lines.append("")
        lines.append(s.text("alert.onset", ["time": context.time(alert.onset)]))
        lines.append(s.text("alert.signs", ["signs": alert.signs]))
        if let grade = alert.anaphylaxisGrade { lines.append(s.text("alert.anaphylaxis", ["grade": Self.roman(grade)])) }
        if let actions = alert.actions { lines.append(s.text("alert.actions", ["actions": actions])) }
        if let referral = alert.referral { lines.append(s.text("alert.referral", ["referral": referral])) }
        Dialog(title: s["alert.title"], lines: lines, hint: s["alert.hint"], tone: .danger).draw(in: area, into: &buffer)
    }

    static func roman(_ grade: Int) -> String { ["I", "II", "III", "IV"][min(3, max(0, grade - 1))] }

    private func drawTooSmall(into buffer: inout Buffer) {
        let s = context.strings
        let lines = [
            s["tooSmall.title"],
            s.text("tooSmall.detail", ["need": "80×24", "have": "\(size.columns)×\(size.rows)"]),
            s["tooSmall.hint"],
        ]
        for (index, line) in lines.enumerated() {
            let y = size.rows / 2 - 1 + index
            let x = max(0, (size.columns - line.displayWidth) / 2)
            buffer.put(line, x: x, y: y, style: index == 0 ? .warning : .plain)
        }
    }

    /// The help lists every key of the screen, with why a disabled one does nothing now.
    private func drawHelp(in area: Rect, into buffer: inout Buffer) {
        let s = context.strings
        let bindings = screen.current.keyMap(context).bindings + globalKeys()
        let rows = bindings.map { binding -> (String, String) in
            (binding.keys.map(\.label).joined(separator: "/"), binding.label + (binding.disabledReason.map { " — " + $0 } ?? ""))
        }
        let other = screen.current.otherKeys(context).map { ($0.keys, $0.what) }
        // Each key's words go on under themselves, not under the key: a reason is read whole.
        let keyWidth = max(10, (rows + other).map(\.0.displayWidth).max() ?? 0)
        func lines(_ rows: [(String, String)]) -> [String] {
            rows.flatMap { keys, what in
                let text = what.wrapped(toWidth: max(10, area.width - 6 - keyWidth - 1))
                return text.enumerated().map { ($0.offset == 0 ? keys : "").padded(toWidth: keyWidth) + " " + $0.element }
            }
        }
        Dialog(title: s["help.title"], lines: lines(rows) + (other.isEmpty ? [] : [""] + lines(other)), hint: s["help.hint"])
            .draw(in: area, into: &buffer)
    }
}
