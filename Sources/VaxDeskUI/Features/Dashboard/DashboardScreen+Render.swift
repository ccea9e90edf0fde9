import Foundation
import TerminalKit
import VaxCore

extension DashboardScreen {
    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        switch phase {
        case .opening(let form):
            buffer.put(s["plan.title"], x: area.x + 1, y: area.y, style: .title)
            return form.draw(in: Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2, height: area.height - 2),
                             into: &buffer, strings: s, label: { s["plan.\($0)"] }, required: \.isRequired,
                             hint: { s.optional("plan.\($0).hint") })
        case .addingStaff(let form):
            buffer.put(s["staffForm.title"], x: area.x + 1, y: area.y, style: .title)
            return form.draw(in: Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2, height: area.height - 2),
                             into: &buffer, strings: s, label: { s["staffForm.\($0)"] }, required: { _ in true },
                             hint: { s.optional("staffForm.\($0).hint") })
        case .history(let sessions, let selection, let report):
            buffer.put(s["dashboard.historyTitle"], x: area.x + 1, y: area.y, style: .title)
            let rows = sessions.map { session in
                LocalDay.shown(session.day) + "  "
                    + s["report.status.\(session.status.rawValue)"].padded(toWidth: 8) + "  " + session.place
            }
            ListView.draw(rows, selection: selection, in: Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2,
                          height: area.height - 2), into: &buffer, empty: s["dashboard.noHistory"])
            if let report { Self.drawReport(report, in: area, into: &buffer, context) }
            return nil
        case .resettingPIN(let staff, let selection, let confirming):
            buffer.put(s["dashboard.resetTitle"], x: area.x + 1, y: area.y, style: .title)
            let rows = staff.map { $0.code.padded(toWidth: 6) + " " + $0.fullName.padded(toWidth: 28) + " " + s["role.\($0.role.rawValue)"] }
            ListView.draw(rows, selection: selection, in: Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2,
                          height: area.height - 2), into: &buffer, empty: s["login.noStaff"])
            if let member = confirming {
                Dialog(title: s["dashboard.resetConfirmTitle"],
                       lines: [s.text("dashboard.resetConfirm", ["name": member.fullName, "code": member.code]), s["dashboard.resetConfirmRule"]],
                       hint: s["dashboard.resetConfirmHint"], tone: .warning).draw(in: area, into: &buffer)
            }
            return nil
        case .newPIN(let code, let pin):
            Dialog(title: s.text("dashboard.newPINTitle", ["code": code]),
                   lines: [s.text("dashboard.newPIN", ["pin": pin]), "", s["dashboard.newPINRule"]],
                   hint: s["dashboard.newPINHint"], tone: .success).draw(in: area, into: &buffer)
            return nil
        case .auditTrail(let entries, let selection):
            drawAuditTrail(entries, selection, in: area, into: &buffer, context)
            return nil
        case .voiding(let entries, let selection, let entry, let fate, let reason):
            drawAuditTrail(entries, selection, in: area, into: &buffer, context)
            var lines = [AuditLine.text(entry, timeZone: context.timeZone, strings: s), ""]
            if entry.recordType == "injection" {
                lines.append(s["dashboard.voidFate"])
                for option in VoidedRecord.DoseFate.allCases {
                    lines.append("  " + (fate == option ? "[x] " : "[ ] ") + s["dashboard.voidFate.\(option.rawValue)"])
                }
                lines.append("")
            }
            lines.append(s["dashboard.voidReason"])
            let inner = Dialog(title: s["dashboard.voidTitle"], lines: lines, hint: s["dashboard.voidHint"], tone: .danger)
                .draw(in: area, into: &buffer, extraRows: 1)
            return (reason.draw(in: inner.row(0), into: &buffer), inner.y)
        case .board, .confirmingClose:
            break
        }
        guard let board else {
            buffer.put(s["dashboard.noSession"], x: area.x + 1, y: area.y, style: .warning)
            buffer.put(s["dashboard.openHint"], x: area.x + 1, y: area.y + 2, style: .muted)
            return nil
        }
        var y = area.y
        func line(_ text: String, _ style: Style = .plain, indent: Int = 1) {
            guard y < area.maxY else { return }
            buffer.put(text.truncated(toWidth: area.width - indent - 1), x: area.x + indent, y: y, style: style)
            y += 1
        }
        let now = context.now
        // A long place name gives way, never the figures after it.
        func title(_ place: String) -> String {
            s.text("dashboard.title", [
                "day": LocalDay.shown(board.session.day), "place": place,
                "n": String(board.vaccinated), "rate": String(board.perHour(now: now)),
            ])
        }
        let room = area.width - 2 - (title(board.session.place).displayWidth - board.session.place.displayWidth)
        line(title(board.session.place.truncated(toWidth: max(8, room))), .title)
        let c = board.stageCounts
        let checkedIn = c.values.reduce(0, +)
        let counts = [
            "in": checkedIn, "screening": c[.waitingScreening] ?? 0, "injection": c[.waitingInjection] ?? 0,
            "observation": c[.inObservation] ?? 0, "discharged": c[.discharged] ?? 0, "vaccinated": board.vaccinated,
            "deferred": c[.deferred] ?? 0, "contraindicated": c[.contraindicated] ?? 0, "referred": c[.referred] ?? 0,
        ].mapValues(String.init)
        for key in ["dashboard.stages1", "dashboard.stages2", "dashboard.stages3"] { line(s.text(key, counts)) }
        y += 1
        for (stage, key) in [(VisitStage.waitingScreening, "dashboard.waitScreening"), (.waitingInjection, "dashboard.waitInjection")] {
            let w = board.waits(at: stage, now: now)
            line(s.text(key, ["n": String(w.count), "median": String(w.median), "longest": String(w.longest)]),
                 w.longest >= 30 ? .warning : .plain)
        }
        y += 1
        let serious = board.adverseEvents.filter { $0.severity == .serious }
        line(s.text("dashboard.aefi", ["serious": String(serious.count),
                                       "common": String(board.adverseEvents.count - serious.count)]),
             serious.isEmpty ? .bold : .danger)
        // The Ministry wants each serious event within 24 hours: until the centre has it, its line gives
        // the deadline instead of the signs (the alert has those).
        let due = Dictionary(board.seriousReportsDue.map { ($0.caseNumber, $0) }, uniquingKeysWith: { first, _ in first })
        func deadline(_ report: Dashboard.SeriousReportDue) -> String {
            let when = context.time(report.due) + " " + String(LocalDay.shown(LocalDay.of(report.due, in: context.timeZone)).prefix(5))
            return s.text(report.due < now ? "dashboard.seriousReportLate" : "dashboard.seriousReportDue", ["due": when])
        }
        var shownCases: Set<String> = []
        for event in serious.prefix(area.height > 30 ? 6 : 2) {
            if let report = event.caseNumber.flatMap({ due[$0] }) {
                let who = [event.ticket.map { s.text("common.ticket", ["n": String($0)]) }, event.person?.fullName].compactMap { $0 }
                line((["⚠ " + context.time(event.onset)] + who + [deadline(report)]).joined(separator: " · "), .danger, indent: 2)
                shownCases.insert(report.caseNumber)
            } else {
                let who = event.person.map { context.identityLine(ticket: event.ticket, person: $0) } ?? ""
                line("⚠ " + context.time(event.onset) + " · " + who + " · " + event.signs, .danger, indent: 2)
            }
        }
        // Earlier sessions' serious events the centre has not received yet.
        for report in board.seriousReportsDue.filter({ !shownCases.contains($0.caseNumber) }).prefix(area.height > 30 ? 4 : 1) {
            line("⚠ " + report.caseNumber + " · " + report.personName + " · " + deadline(report), .danger, indent: 2)
        }
        y += 1
        line(s.text("dashboard.vials", ["n": String(board.openVials.count)]), .bold)
        for vial in board.openVials.prefix(area.height > 30 ? 10 : 3) {
            let state = vial.state(at: now)
            let status = state == .pastDiscardTime
                ? s.text("injection.vialPast", ["time": context.time(vial.discardDue)])
                : s.text("injection.vialOpen", ["left": String(vial.dosesLeft), "of": String(vial.dosesPerVial),
                                                "time": Countdown(until: vial.discardDue, now: now).longText])
            line(context.productNames([vial.productCode]).padded(toWidth: 11) + " " + vial.lotNumber.padded(toWidth: 8) + " " + status,
                 state == .pastDiscardTime ? .warning : .plain, indent: 2)
        }
        y += 1
        line(s["dashboard.lots"], .bold)
        for lot in board.lots {
            let left = lot.dosesReceived - lot.dosesGiven - lot.dosesWasted
            line(s.text("dashboard.lot", [
                "product": context.productNames([lot.product]), "lot": lot.lot, "given": String(lot.dosesGiven),
                "wasted": String(lot.dosesWasted), "left": String(left),
            ]), indent: 2)
        }
        if !board.slots.isEmpty {
            y += 1
            let registered = board.slots.map(\.registered).reduce(0, +), arrived = board.slots.map(\.arrived).reduce(0, +)
            line(s.text("dashboard.registered", ["arrived": String(arrived), "registered": String(registered)]), .bold)
            // Slot by slot on as few rows as the width allows: "07:30-09:00 12/20 · 09:00-10:30 5/18".
            let cells = board.slots.map { "\($0.slot) \($0.arrived)/\($0.registered)" }
            var row = ""
            for cell in cells {
                if !row.isEmpty, (row + " · " + cell).displayWidth > area.width - 4 {
                    line(row, indent: 2)
                    row = ""
                }
                row += (row.isEmpty ? "" : " · ") + cell
            }
            if !row.isEmpty { line(row, indent: 2) }
        }
        y += 1
        var sync = s.count("dashboard.sync", board.outboxPending)
        if let success = board.sync.lastSuccess { sync += " · " + s.text("dashboard.syncLast", ["time": context.time(success)]) }
        line(sync, .muted)
        if let pull = board.lastPull {
            line(s.text("dashboard.pulled", [
                "time": context.time(pull.at), "people": String(pull.people), "doses": String(pull.doses),
            ]), .muted)
        }
        if let error = board.sync.lastError {
            let retry = board.sync.nextAttempt.map { s.text("dashboard.syncRetry", ["time": context.time($0)]) } ?? ""
            line("⚠ " + s.text("dashboard.syncError", ["message": s.syncError(error)]) + retry, .warning)
        }
        if !board.refused.isEmpty {
            line("✗ " + s.count("dashboard.syncRefused", board.refused.count), .danger)
            for record in board.refused.prefix(3) {
                line(record.event + " …" + record.recordID.uuidString.suffix(8).lowercased() + ": " + record.message, .danger, indent: 3)
            }
        }
        if let backup = board.lastBackup {
            let hours = now.timeIntervalSince(backup.takenAt) / 3_600
            line(s.text("dashboard.backup", ["time": context.moment(backup.takenAt), "path": backup.path]),
                 hours >= Self.backupOverdueHours ? .warning : .muted)
        } else {
            line("⚠ " + s["dashboard.noBackup"], .warning)
        }
        if case .confirmingClose(let reason) = phase {
            guard stillWaiting > 0 else {
                Dialog(title: s["dashboard.closeTitle"], lines: [s["dashboard.closeQuestion"], s["dashboard.closeRule"]],
                       hint: s["dashboard.closeHint"], tone: .warning).draw(in: area, into: &buffer)
                return nil
            }
            let c = board.stageCounts
            let inner = Dialog(title: s["dashboard.closeTitle"], lines: [
                s.text("dashboard.closeWaiting", ["screening": String(c[.waitingScreening] ?? 0),
                                                  "injection": String(c[.waitingInjection] ?? 0)]),
                s["dashboard.closeWaitingRule"], "", s["dashboard.closeWaitingReason"],
            ], hint: s["dashboard.closeHint"], tone: .warning).draw(in: area, into: &buffer, extraRows: 1)
            return (reason.draw(in: inner.row(0), into: &buffer), inner.y)
        }
        return nil
    }

    /// A session's figures over the history list: the same lines as `vaxdesk report session`, as many
    /// as fit from `shown.top` (↑/↓ scroll the rest).
    static func drawReport(_ shown: ShownReport, in area: Rect, into buffer: inout Buffer, _ context: Context) {
        let s = context.strings
        let lines = shown.lines(context)
        let rows = ShownReport.rows(in: area)
        let top = min(shown.top, max(0, lines.count - rows))
        var visible = Array(lines.dropFirst(top).prefix(rows))
        if lines.count > rows {
            visible.append(s.text("dashboard.reportMore", ["from": String(top + 1), "to": String(top + visible.count),
                                                           "n": String(lines.count)]))
        }
        Dialog(title: s.text("dashboard.reportTitle", ["day": LocalDay.shown(shown.report.day)]),
               lines: visible, hint: s["dashboard.reportHint"]).draw(in: area, into: &buffer)
    }

    private func drawAuditTrail(
        _ entries: [AuditEntry], _ selection: ListSelection, in area: Rect, into buffer: inout Buffer, _ context: Context
    ) {
        let s = context.strings
        buffer.put(s["dashboard.auditTitle"], x: area.x + 1, y: area.y, style: .title)
        let rows = entries.map { AuditLine.text($0, timeZone: context.timeZone, strings: s) }
        ListView.draw(rows, selection: selection, in: Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2,
                      height: min(Self.auditRows + 1, area.height - 2)), into: &buffer, empty: s["dashboard.auditEmpty"])
    }
}
