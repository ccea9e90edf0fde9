import Foundation
import TerminalKit
import VaxCore

/// The site lead's live view of the session: stages, waits, pace, adverse events, vials, lots, what
/// waits to be sent. It follows every desk's writes; F7 closes the session when nothing is left open.
struct DashboardScreen: StationScreen {
    enum Phase: Hashable {
        case board
        case confirmingClose
        /// Opening the next session: place, day, team, lots, people expected.
        case opening(FormEditor<SessionPlan.Field>)
        case addingStaff(FormEditor<StaffRow.Field>)
        /// Earlier sessions, newest first; Enter shows a session's report.
        case history([VaccinationSession], ListSelection, SessionReport?)
    }

    var board: Dashboard?
    var phase = Phase.board
    var station: Station? { nil }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .confirmingClose:
            return KeyMap([
                KeyBinding([.enter], s["key.closeSession"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .history(let sessions, _, _):
            return KeyMap([
                KeyBinding([.enter], s["key.showReport"], .confirm,
                           disabledReason: sessions.isEmpty ? s["dashboard.noHistory"] : nil),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .opening, .addingStaff:
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .board:
            return KeyMap([
                KeyBinding([.function(7)], s["key.closeSession"], .closeSession,
                           disabledReason: board == nil ? s["status.noSession"] : nil),
                KeyBinding([.function(8)], s["key.openSession"], .openSession,
                           disabledReason: board == nil ? nil : s["error.sessionAlreadyOpen"]),
                KeyBinding([.function(4)], s["key.addStaff"], .addStaff),
                KeyBinding([.function(3)], s["key.history"], .history),
                KeyBinding([.escape], s["key.back"], .switchStation),
            ])
        }
    }

    mutating func perform(_ command: Command, _ context: Context) -> [AppEffect] {
        guard let user = context.user else { return [] }
        switch (phase, command) {
        case (.board, .closeSession):
            phase = .confirmingClose
        case (.board, .openSession):
            phase = .opening(FormEditor(fields: SessionPlan.Field.allCases, values: [.day: CheckInScreen.shown(context.today)]))
        case (.board, .addStaff):
            phase = .addingStaff(FormEditor(fields: StaffRow.Field.allCases, values: [:]))
        case (.board, .history):
            phase = .history([], ListSelection(), nil)
            return [.loadSessions]
        case (.history(let sessions, let selection, nil), .confirm):
            guard sessions.indices.contains(selection.selected) else { return [] }
            return [.loadReport(sessionID: sessions[selection.selected].id)]
        case (.history(let sessions, let selection, _?), .back):
            phase = .history(sessions, selection, nil)
        case (.confirmingClose, .confirm):
            phase = .board
            return [.closeSession(by: user.id)]
        case (.opening(var form), .confirm):
            switch SessionPlan.read(form.values, catalog: context.catalog, today: context.today) {
            case .success(let plan):
                phase = .board
                return [.openSession(plan, by: user.id)]
            case .failure(let invalid):
                form.show(problems: invalid.problems)
                phase = .opening(form)
            }
        case (.addingStaff(var form), .confirm):
            let values = form.values
            switch StaffRow.parse(code: values[.code] ?? "", name: values[.name] ?? "", role: values[.role] ?? "") {
            case .success(let member):
                phase = .board
                return [.addStaff(member)]
            case .failure(let problem):
                let field: StaffRow.Field = problem == .missingCode ? .code : problem == .missingName ? .name : .role
                form.show(problems: [field: problem.rawValue])
                phase = .addingStaff(form)
            }
        case (_, .back):
            phase = .board
        default:
            break
        }
        return []
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [AppEffect] {
        switch phase {
        case .opening(var form):
            _ = form.handle(key)
            phase = .opening(form)
        case .addingStaff(var form):
            _ = form.handle(key)
            phase = .addingStaff(form)
        case .history(let sessions, var selection, nil):
            _ = selection.handle(key, count: sessions.count, visibleRows: 16)
            phase = .history(sessions, selection, nil)
        case .board, .confirmingClose, .history:
            break
        }
        return []
    }

    mutating func receive(_ action: AppAction, _ context: Context) -> [AppEffect] {
        if case .dashboardLoaded(let loaded) = action { board = loaded }
        if case .sessionsLoaded(let sessions) = action, case .history = phase { phase = .history(sessions, ListSelection(), nil) }
        if case .reportLoaded(let report) = action, case .history(let sessions, let selection, _) = phase {
            phase = .history(sessions, selection, report)
        }
        return action.endsStep ? refresh(context) : []
    }

    func refresh(_ context: Context) -> [AppEffect] { [.loadDashboard] }

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
                (BirthDate(stored: session.day)?.description ?? session.day) + "  "
                    + s["report.status.\(session.status.rawValue)"].padded(toWidth: 8) + "  " + session.place
            }
            ListView.draw(rows, selection: selection, in: Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2,
                          height: area.height - 2), into: &buffer, empty: s["dashboard.noHistory"])
            if let report { Self.drawReport(report, in: area, into: &buffer, context) }
            return nil
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
        line(s.text("dashboard.title", [
            "day": BirthDate(stored: board.session.day)?.description ?? board.session.day, "place": board.session.place,
            "n": String(board.vaccinated), "rate": String(board.perHour(now: now)),
        ]), .title)
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
        for event in serious.prefix(area.height > 30 ? 6 : 2) {
            let who = event.person.map { context.identityLine(ticket: event.ticket, person: $0) } ?? ""
            line("⚠ " + context.time(event.onset) + " · " + who + " · " + event.signs, .danger, indent: 2)
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
        y += 1
        line(s.text("dashboard.sync", ["n": String(board.outboxPending)]), .muted)
        if phase == .confirmingClose {
            Dialog(title: s["dashboard.closeTitle"], lines: [s["dashboard.closeQuestion"], s["dashboard.closeRule"]],
                   hint: s["dashboard.closeHint"], tone: .warning).draw(in: area, into: &buffer)
        }
        return nil
    }

    /// A closed session's figures over the history list.
    static func drawReport(_ report: SessionReport, in area: Rect, into buffer: inout Buffer, _ context: Context) {
        let s = context.strings
        var lines = [
            s.text("report.checkedIn", ["n": String(report.checkedIn)]),
            s.text("report.vaccinated", ["n": String(report.vaccinated)]),
            s.text("report.notVaccinated", ["deferred": String(report.deferred), "contraindicated": String(report.contraindicated),
                                            "referred": String(report.referred)]),
            s.text("report.aefi", ["common": String(report.aefiCommon), "serious": String(report.aefiSerious)]),
        ]
        for lot in report.lots {
            lines.append(s.text("dashboard.lotReport", [
                "product": context.productNames([lot.product]), "lot": lot.lot, "given": String(lot.dosesGiven),
                "wasted": String(lot.dosesWasted), "returned": String(lot.dosesReturned),
            ]))
        }
        Dialog(title: s.text("dashboard.reportTitle", ["day": BirthDate(stored: report.day)?.description ?? report.day]),
               lines: lines, hint: s["dashboard.reportHint"]).draw(in: area, into: &buffer)
    }
}
