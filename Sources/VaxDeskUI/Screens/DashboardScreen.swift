import Foundation
import TerminalKit
import VaxCore

/// The site lead's live view of the session: stages, waits, pace, adverse events, vials, lots, what
/// waits to be sent. It follows every desk's writes; F7 closes the session when nothing is left open.
struct DashboardScreen: StationScreen {
    var board: Dashboard?
    var confirmingClose = false
    var station: Station? { nil }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        if confirmingClose {
            return KeyMap([
                KeyBinding([.enter], s["key.closeSession"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        }
        return KeyMap([
            KeyBinding([.function(7)], s["key.closeSession"], .closeSession,
                       disabledReason: board == nil ? s["status.noSession"] : nil),
            KeyBinding([.escape], s["key.back"], .switchStation),
        ])
    }

    mutating func perform(_ command: Command, _ context: Context) -> [AppEffect] {
        switch command {
        case .closeSession:
            confirmingClose = true
        case .back:
            confirmingClose = false
        case .confirm where confirmingClose:
            confirmingClose = false
            guard let user = context.user else { return [] }
            return [.closeSession(by: user.id)]
        default:
            break
        }
        return []
    }

    mutating func receive(_ action: AppAction, _ context: Context) -> [AppEffect] {
        if case .dashboardLoaded(let loaded) = action { board = loaded }
        return action.endsStep ? refresh(context) : []
    }

    func refresh(_ context: Context) -> [AppEffect] { [.loadDashboard] }

    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        guard let board else {
            buffer.put(s["dashboard.noSession"], x: area.x + 1, y: area.y, style: .warning)
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
        if confirmingClose {
            Dialog(title: s["dashboard.closeTitle"], lines: [s["dashboard.closeQuestion"], s["dashboard.closeRule"]],
                   hint: s["dashboard.closeHint"], tone: .warning).draw(in: area, into: &buffer)
        }
        return nil
    }
}
