import TerminalKit
import VaxCore

/// A staff member changes their own PIN: the present one, the new one, the new one again. Digits
/// never show; Enter goes on to the next field, and on the last one changes the PIN.
struct ChangePINScreen: StationScreen {
    enum Field: Int, CaseIterable {
        case current, new, repeated
    }

    var pins: [Field: String] = [:]
    var focused = Field.current
    /// Why the PINs typed cannot be used yet (a string key), shown under the fields.
    var problem: String?
    /// The new PIN is saved: the screen says so until Enter.
    var changed = false
    var station: Station? { nil }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        if changed { return KeyMap([KeyBinding([.enter, .escape], s["key.close"], .switchStation)]) }
        return KeyMap([
            KeyBinding([.enter], s[focused == .repeated ? "key.changePIN" : "key.nextField"], .confirm,
                       disabledReason: PINPolicy.isWellFormed(pins[focused] ?? "") ? nil : s["error.malformedPIN"]),
            KeyBinding([.escape], s["key.back"], .switchStation),
        ])
    }

    mutating func perform(_ command: Command, _ context: Context) -> [ChangePINEffect] {
        guard command == .confirm, !changed, let user = context.user else { return [] }
        problem = nil
        switch focused {
        case .current:
            focused = .new
        case .new:
            guard pins[.new] != pins[.current] else {
                problem = "changePIN.same"
                pins[.new] = nil
                return []
            }
            focused = .repeated
        case .repeated:
            guard pins[.repeated] == pins[.new], let current = pins[.current], let new = pins[.new] else {
                problem = "changePIN.mismatch"
                pins[.new] = nil
                pins[.repeated] = nil
                focused = .new
                return []
            }
            return [.change(code: user.code, current: current, new: new)]
        }
        return []
    }

    func otherKeys(_ context: Context) -> [KeyHelp] { changed ? [] : KeyHelp.of(.pinFields, strings: context.strings) }

    mutating func handleKey(_ key: Key, _ context: Context) -> [ChangePINEffect] {
        guard !changed else { return [] }
        var pin = pins[focused] ?? ""
        switch key {
        case .character(let c) where c.isASCII && c.isNumber && pin.count < 8: pin.append(c)
        case .backspace: if !pin.isEmpty { pin.removeLast() }
        case .up:
            focused = Field(rawValue: max(0, focused.rawValue - 1)) ?? .current
            return []
        default: return []
        }
        pins[focused] = pin
        return []
    }

    mutating func receive(_ answer: ChangePINEffect.Answer, _ context: Context) -> Reaction<ChangePINEffect> {
        pins = [:]
        focused = .current
        switch answer {
        case .changed:
            changed = true
            return .saved(context.strings["notice.pinChanged"])
        case .refused(let refusal):
            // The present PIN was wrong: everything is typed again, from the first field.
            return .notice(context.strings.message(for: refusal, timeZone: context.timeZone), .danger)
        }
    }

    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        buffer.put(s["changePIN.title"], x: area.x + 2, y: area.y, style: .title)
        if let user = context.user {
            buffer.put(user.fullName + " (" + user.code + ")", x: area.x + 2, y: area.y + 1, style: .muted)
        }
        if changed {
            buffer.put("✓ " + s["changePIN.done"], x: area.x + 2, y: area.y + 3, style: .success, clip: area)
            return nil
        }
        let labels = Field.allCases.map { s["changePIN.\($0)"] }
        let width = labels.map(\.displayWidth).max() ?? 0
        var cursor: (x: Int, y: Int)?
        for (field, label) in zip(Field.allCases, labels) {
            let y = area.y + 3 + field.rawValue * 2
            buffer.put(label, x: area.x + 2, y: y, style: field == focused ? .bold : .plain)
            let x = area.x + 4 + width
            let dots = String(repeating: "•", count: pins[field]?.count ?? 0)
            buffer.put(dots, x: x, y: y, style: .title)
            if field == focused { cursor = (x + dots.count, y) }
        }
        let hintY = area.y + 3 + Field.allCases.count * 2
        if let problem {
            buffer.put("✗ " + s[problem], x: area.x + 2, y: hintY, style: .danger, clip: area)
        }
        buffer.put(s["changePIN.hint"], x: area.x + 2, y: hintY + 1, style: .muted, clip: area)
        return cursor
    }
}
