import Foundation
import TerminalKit
import VaxCore

/// One screen of the desk: its keys, how it reacts, and how it draws. Drawing is a pure function of
/// the screen's state and the context: no I/O happens while rendering.
protocol StationScreen {
    /// The screen's own keys in its current state (the app adds help, switch and quit).
    func keyMap(_ context: Context) -> KeyMap<Command>
    /// A command from the key map.
    mutating func perform(_ command: Command, _ context: Context) -> [AppEffect]
    /// A key no binding claims: typing into a field, moving in a list.
    mutating func handleKey(_ key: Key, _ context: Context) -> [AppEffect]
    /// The answer to something this screen asked for (and only this screen: answers are addressed).
    mutating func receive(_ result: AppResult, _ context: Context) -> Reaction
    /// Effects to run when the screen appears or the database changed under it.
    func refresh(_ context: Context) -> [AppEffect]
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
    mutating func handleKey(_ key: Key, _ context: Context) -> [AppEffect] { [] }
    var heldClaim: UUID? { nil }
    var hasUnsavedInput: Bool { false }
}

/// What a screen does about an answer: more effects, and what to tell the person at the desk.
struct Reaction: ExpressibleByArrayLiteral {
    var effects: [AppEffect]
    var notice: AppState.Notice?

    init(_ effects: [AppEffect] = [], notice: AppState.Notice? = nil) {
        self.effects = effects
        self.notice = notice
    }

    init(arrayLiteral effects: AppEffect...) { self.init(effects) }

    /// A step of this desk was recorded: `text` says so in green.
    static func saved(_ text: String, then effects: [AppEffect] = []) -> Reaction {
        Reaction(effects, notice: AppState.Notice(text: text, tone: .success))
    }
}

/// Something done to whichever screen is on top, without asking which it is (`AppState.Screen.modify`).
protocol ScreenVisitor {
    associatedtype Result
    func visit<S: StationScreen>(_ screen: inout S) -> Result
}
