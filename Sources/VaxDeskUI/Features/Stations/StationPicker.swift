import TerminalKit
import VaxCore

/// Choosing the station to work at; the signed-in person's own station comes first.
struct StationPicker: StationScreen {
    var selection: ListSelection
    var station: Station? { nil }

    init(preferred: Station) {
        selection = ListSelection(selected: Station.allCases.firstIndex(of: preferred) ?? 0)
    }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        return KeyMap([
            KeyBinding([.enter], s["key.choose"], .confirm, disabledReason: context.refusal(chosen.act)),
            KeyBinding([.function(5)], s["key.importRoster"], .open(.rosterImport),
                       disabledReason: context.refusal(.importRoster)),
            KeyBinding([.function(6)], s["key.dashboard"], .open(.dashboard),
                       disabledReason: context.refusal(.viewDashboard)),
            KeyBinding([.function(7)], s["key.changePIN"], .open(.changePIN)),
            KeyBinding([.escape], s["key.signOut"], .signOut),
        ])
    }

    func otherKeys(_ context: Context) -> [KeyHelp] { KeyHelp.of(.station, .list, strings: context.strings) }

    mutating func handleKey(_ key: Key, _ context: Context) -> [Never] {
        if case .character(let c) = key, let n = c.wholeNumberValue, (1...Station.allCases.count).contains(n) {
            selection.select(n - 1, count: Station.allCases.count, visibleRows: 10)
        }
        _ = selection.handle(key, count: Station.allCases.count, visibleRows: 10)
        return []
    }

    var chosen: Station { Station.allCases[selection.selected] }

    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        if let user = context.user {
            buffer.put(s.text("stations.greeting", ["name": user.fullName]), x: area.x + 2, y: area.y, style: .title)
        }
        buffer.put(s["stations.prompt"], x: area.x + 2, y: area.y + 1, style: .muted)
        if context.isOffTeam {
            // Someone of the right role who is not on today's team: said before they choose.
            buffer.put(s["stations.notOnTeam"], x: area.x + 2, y: area.y + 3 + Station.allCases.count + 1, style: .warning,
                       clip: area)
        }
        // A station the role may not work at stays listed, marked, so that the list is the same on
        // every desk; choosing it says why not.
        let rows = Station.allCases.enumerated().map { index, station in
            "\(index + 1). " + s["station.\(station.rawValue)"]
                + (context.user?.role.mayWork(at: station) == false ? "  — " + s["stations.notYours"] : "")
        }
        let list = Rect(x: area.x + 2, y: area.y + 3, width: min(70, area.width - 4), height: rows.count)
        ListView.draw(rows, selection: selection, in: list, into: &buffer)
        return nil
    }
}
