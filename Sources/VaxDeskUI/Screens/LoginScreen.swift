import TerminalKit
import VaxCore

/// Signing in at a desk: pick yourself from the site's staff. (PINs come with staff sign-in.)
struct LoginScreen: StationScreen {
    var staff: [Staff] = []
    var selection = ListSelection()
    var station: Station? { nil }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        KeyMap([
            KeyBinding([.enter], context.strings["key.signIn"], .confirm,
                       disabledReason: staff.isEmpty ? context.strings["login.noStaff"] : nil),
        ])
    }

    mutating func perform(_ command: Command, _ context: Context) -> [AppEffect] { [] }

    mutating func handleKey(_ key: Key, _ context: Context) -> [AppEffect] {
        _ = selection.handle(key, count: staff.count, visibleRows: 16)
        return []
    }

    mutating func receive(_ action: AppAction, _ context: Context) -> [AppEffect] {
        if case .staffLoaded(let loaded) = action {
            staff = loaded
            selection.clamp(count: staff.count, visibleRows: 16)
        }
        return []
    }

    func refresh(_ context: Context) -> [AppEffect] { [.loadStaff] }

    var selectedStaff: Staff? { staff.indices.contains(selection.selected) ? staff[selection.selected] : nil }

    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        buffer.put(s["login.title"], x: area.x + 2, y: area.y, style: .title)
        buffer.put(s["login.prompt"], x: area.x + 2, y: area.y + 1, style: .muted)
        let rows = staff.map { member in
            member.code.padded(toWidth: 6) + " " + member.fullName.padded(toWidth: 28) + " "
                + s["role.\(member.role.rawValue)"]
        }
        let list = Rect(x: area.x + 2, y: area.y + 3, width: area.width - 4, height: area.height - 3)
        ListView.draw(rows, selection: selection, in: list, into: &buffer, empty: s["login.noStaff"])
        return nil
    }
}
