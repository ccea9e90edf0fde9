import TerminalKit
import VaxCore

/// Signing in at a desk: pick yourself from the site's staff, then type your PIN. When the desk has
/// locked itself, the PIN of the person who was signed in gives the desk back as they left it; anyone
/// else may sign in instead (Esc), and starts afresh.
struct LoginScreen: StationScreen {
    var staff: [Staff] = []
    var selection = ListSelection()
    /// The person whose PIN is being typed.
    var signingIn: Staff?
    /// Digits typed so far; cleared once sent.
    var pin = ""
    /// Who was signed in when the desk locked itself.
    var locked: Staff?
    /// A staff code being typed on the list ("BS0"…): the selection goes to the first code it starts.
    var codeTyped = ""
    /// Digits were typed on the list, where no code starts with one: a PIN typed before choosing a name.
    /// Enter then does not open anyone's PIN (a wrong PIN would count against whoever the list was on)
    /// until a row is chosen on purpose (↑/↓ or a code).
    var pinTypedOnList = false
    var station: Station? { nil }

    init(locked: Staff? = nil) {
        self.locked = locked
        signingIn = locked
    }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        if signingIn != nil {
            return KeyMap([
                KeyBinding([.enter], s["key.signIn"], .confirm,
                           disabledReason: PINPolicy.isWellFormed(pin) ? nil : s["error.malformedPIN"]),
                KeyBinding([.escape], s[locked == nil ? "key.back" : "key.otherUser"], .back),
            ])
        }
        return KeyMap([
            KeyBinding([.enter], s["key.choose"], .confirm,
                       disabledReason: staff.isEmpty ? s["login.noStaff"] : pinTypedOnList ? s["login.pinOnList"] : nil),
        ])
    }

    mutating func perform(_ command: Command, _ context: Context) -> [SignInEffect] {
        switch command {
        case .confirm:
            guard let member = signingIn else {
                signingIn = selectedStaff
                pin = ""
                codeTyped = ""
                return []
            }
            defer { pin = "" }
            return [.signIn(code: member.code, pin: pin)]
        case .back:
            signingIn = nil
            pin = ""
            return staff.isEmpty ? refresh(context) : []
        default:
            return []
        }
    }

    func otherKeys(_ context: Context) -> [KeyHelp] {
        KeyHelp.of(signingIn == nil ? .staffCode : .pin, strings: context.strings)
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [SignInEffect] {
        guard signingIn != nil else {
            chooseRow(key)
            return []
        }
        switch key {
        case .character(let c) where c.isASCII && c.isNumber && pin.count < 8:
            pin.append(c)
        case .backspace:
            if !pin.isEmpty { pin.removeLast() }
        case .control("u"):
            pin = ""
        default:
            break
        }
        return []
    }

    mutating func receive(_ answer: SignInEffect.Answer, _ context: Context) -> Reaction<SignInEffect> {
        switch answer {
        case .staffLoaded(let loaded):
            staff = loaded
            selection.clamp(count: staff.count, visibleRows: 16)
            return []
        case .signedIn(let member):
            return Reaction(signedIn: member)
        case .refused(let refusal):
            pin = ""
            return .notice(context.strings.message(for: refusal, timeZone: context.timeZone), .danger)
        }
    }

    func refresh(_ context: Context) -> [SignInEffect] { [.loadStaff] }

    /// On the list: ↑/↓ go round (the last row is one ↑ away), and a staff code typed goes to its row.
    private mutating func chooseRow(_ key: Key) {
        guard !staff.isEmpty else { return }
        switch key {
        case .up where selection.selected == 0:
            selection.select(staff.count - 1, count: staff.count, visibleRows: 16)
            pinTypedOnList = false
        case .down where selection.selected == staff.count - 1:
            selection.select(0, count: staff.count, visibleRows: 16)
            pinTypedOnList = false
        case .character(let c) where c.isNumber && codeTyped.isEmpty && !staff.contains(where: { $0.code.hasPrefix(String(c)) }):
            // Not a code: a PIN typed on the list. Nothing of it is kept.
            pinTypedOnList = true
            return
        case .character(let c) where c.isLetter || c.isNumber:
            let typed = (codeTyped + String(c)).uppercased()
            // A code that matches nobody starts again from this key: a slip never strands the list.
            let prefix = staff.contains { $0.code.hasPrefix(typed) } ? typed : String(c).uppercased()
            codeTyped = prefix
            if let row = staff.firstIndex(where: { $0.code.hasPrefix(prefix) }) {
                selection.select(row, count: staff.count, visibleRows: 16)
                pinTypedOnList = false
            }
            return
        case .backspace:
            codeTyped = String(codeTyped.dropLast())
            return
        default:
            _ = selection.handle(key, count: staff.count, visibleRows: 16)
        }
        codeTyped = ""
        if [.up, .down, .pageUp, .pageDown, .home, .end].contains(key) { pinTypedOnList = false }
    }

    var selectedStaff: Staff? { staff.indices.contains(selection.selected) ? staff[selection.selected] : nil }

    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        if let member = signingIn {
            let title = locked == nil ? s["login.title"] : s["login.lockedTitle"]
            buffer.put(title, x: area.x + 2, y: area.y, style: locked == nil ? .title : .warning)
            if locked != nil { buffer.put(s["login.lockedDetail"], x: area.x + 2, y: area.y + 1, style: .muted) }
            let who = member.fullName + " (" + member.code + ") · " + s["role.\(member.role.rawValue)"]
            buffer.put(who, x: area.x + 2, y: area.y + 3, style: .plain)
            let label = s["login.pin"]
            buffer.put(label, x: area.x + 2, y: area.y + 5, style: .plain)
            let x = area.x + 3 + label.displayWidth
            buffer.put(String(repeating: "•", count: pin.count), x: x, y: area.y + 5, style: .title)
            buffer.put(s["login.pinHint"], x: area.x + 2, y: area.y + 7, style: .muted)
            return (x + pin.count, area.y + 5)
        }
        buffer.put(s["login.title"], x: area.x + 2, y: area.y, style: .title)
        if pinTypedOnList {
            buffer.put(s["login.pinOnList"], x: area.x + 2, y: area.y + 1, style: .warning, clip: area)
        } else {
            buffer.put(codeTyped.isEmpty ? s["login.prompt"] : s.text("login.codeTyped", ["code": codeTyped]),
                       x: area.x + 2, y: area.y + 1, style: codeTyped.isEmpty ? .muted : .bold)
        }
        let rows = staff.map { member in
            member.code.padded(toWidth: 6) + " " + member.fullName.padded(toWidth: 28) + " "
                + s["role.\(member.role.rawValue)"]
        }
        let list = Rect(x: area.x + 2, y: area.y + 3, width: area.width - 4, height: area.height - 3)
        ListView.draw(rows, selection: selection, in: list, into: &buffer, empty: s["login.noStaff"])
        return nil
    }
}
