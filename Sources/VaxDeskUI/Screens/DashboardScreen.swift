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
            phase = .opening(FormEditor(fields: SessionPlan.Field.allCases, values: [.day: LocalDay.shown(context.today)]))
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
}
