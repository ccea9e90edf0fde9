import Foundation
import TerminalKit
import VaxCore

/// One screen of the desk: its keys, its effects and their answers, and how it draws. Drawing is a
/// pure function of the screen's state and the context: no I/O happens while rendering.
protocol StationScreen {
    /// What this screen asks for (`Never`: nothing); its answers come back to this screen only.
    associatedtype Effect: DeskEffect = Never

    /// The screen's own keys in its current state (the app adds help, switch and quit).
    func keyMap(_ context: Context) -> KeyMap<Command>
    /// A command from the key map.
    mutating func perform(_ command: Command, _ context: Context) -> [Effect]
    /// A key no binding claims: typing into a field, moving in a list.
    mutating func handleKey(_ key: Key, _ context: Context) -> [Effect]
    /// What `handleKey` does in the present state, for the help.
    func otherKeys(_ context: Context) -> [KeyHelp]
    /// The answer to one of this screen's effects.
    mutating func receive(_ answer: Effect.Answer, _ context: Context) -> Reaction<Effect>
    /// One of this screen's effects failed: the desk has said why in the status line already.
    mutating func failed(_ failure: DeskFailure, _ context: Context) -> Reaction<Effect>
    /// Effects to run when the screen appears or the database changed under it.
    func refresh(_ context: Context) -> [Effect]
    /// Draws the body; returns where the text cursor goes, if anywhere.
    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)?
    /// The station this screen is, if it is one.
    var station: Station? { get }
    /// The visit of the person this desk has called and not finished with, which it lets go of when
    /// the desk signs out or changes station.
    var heldClaim: UUID? { get }
    /// Something typed would be lost by `back` (Esc): the desk asks before it goes.
    var hasUnsavedInput: Bool { get }
}

extension StationScreen {
    mutating func handleKey(_ key: Key, _ context: Context) -> [Effect] { [] }
    func otherKeys(_ context: Context) -> [KeyHelp] { [] }
    mutating func failed(_ failure: DeskFailure, _ context: Context) -> Reaction<Effect> { [] }
    func refresh(_ context: Context) -> [Effect] { [] }
    var heldClaim: UUID? { nil }
    var hasUnsavedInput: Bool { false }
}

extension StationScreen where Effect == Never {
    mutating func perform(_ command: Command, _ context: Context) -> [Never] { [] }
    mutating func receive(_ answer: Never, _ context: Context) -> Reaction<Never> { switch answer {} }
}

/// What a screen does about an answer: more effects, what to tell the person at the desk, and, for
/// the sign-in screen, who is now signed in.
struct Reaction<Effect>: ExpressibleByArrayLiteral {
    var effects: [Effect]
    var notice: AppState.Notice?
    /// The PIN was right: the desk signs this person in.
    var signedIn: Staff?

    init(_ effects: [Effect] = [], notice: AppState.Notice? = nil, signedIn: Staff? = nil) {
        self.effects = effects
        self.notice = notice
        self.signedIn = signedIn
    }

    init(arrayLiteral effects: Effect...) { self.init(effects) }

    /// A step of this desk was recorded: `text` says so in green.
    static func saved(_ text: String, then effects: [Effect] = []) -> Reaction {
        Reaction(effects, notice: AppState.Notice(text: text, tone: .success))
    }

    /// `text` in the status line, in `tone`.
    static func notice(_ text: String, _ tone: Tone) -> Reaction {
        Reaction(notice: AppState.Notice(text: text, tone: tone))
    }
}

/// Something done to whichever screen is on top, without asking which it is (`AppState.Screen.modify`).
protocol ScreenVisitor {
    associatedtype Result
    func visit<S: StationScreen>(_ screen: inout S) -> Result
}
