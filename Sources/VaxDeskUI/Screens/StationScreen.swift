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
    /// A result or an event from outside.
    mutating func receive(_ action: AppAction, _ context: Context) -> [AppEffect]
    /// Effects to run when the screen appears or the database changed under it.
    func refresh(_ context: Context) -> [AppEffect]
    /// Draws the body; returns where the text cursor goes, if anywhere.
    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)?
    /// The station this screen is, if it is one.
    var station: Station? { get }
}

extension StationScreen {
    mutating func handleKey(_ key: Key, _ context: Context) -> [AppEffect] { [] }
}
