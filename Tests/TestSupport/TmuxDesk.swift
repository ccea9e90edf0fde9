import Foundation

/// A desk in a real terminal: tmux runs the command in an 80×24 pane on a server of its own, keys are
/// typed with send-keys and the screen is read with capture-pane, as a person would see it.
public final class TmuxDesk: @unchecked Sendable {
    public let name: String
    private let socket: String
    /// How many keys `press` has sent: the keystrokes a person would make (typed text, a name or the
    /// signs' digits, is not counted).
    public private(set) var keysPressed = 0

    public init(_ command: String, name: String = "desk", columns: Int = 80, rows: Int = 24) throws {
        self.name = name
        socket = "vaxdesk-test-\(UUID().uuidString.prefix(8))"
        try tmux(["new-session", "-d", "-s", name, "-x", String(columns), "-y", String(rows), command], readsOutput: false)
    }

    deinit { _ = try? tmux(["kill-server"], readsOutput: false) }

    /// Types text literally (Vietnamese included).
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Sends named keys: Enter, Escape, Down, F2, C-c…
    public func press(_ keys: String...) throws {
        for key in keys {
            try tmux(["send-keys", "-t", name, key])
            keysPressed += 1
        }
    }

    /// The text on screen now.
    public func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// Waits until the screen shows `text` (or, with `absent`, no longer shows it); returns the screen,
    /// or nil after `timeout` seconds.
    @discardableResult
    public func waitFor(_ text: String, absent: Bool = false, timeout: TimeInterval = 10) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let current = try screen()
            if current.contains(text) != absent {
                // A frame may be caught half drawn: look again a moment later, and keep the settled one.
                Thread.sleep(forTimeInterval: 0.05)
                let settled = try screen()
                if settled.contains(text) != absent { return settled }
                continue
            }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return nil
    }

    /// Waits until the screen shows `text` and returns the screen; throws with the screen it saw
    /// otherwise, so a failing test shows what the nurse would have seen.
    @discardableResult
    public func expect(_ text: String, timeout: TimeInterval = 10) throws -> String {
        if let screen = try waitFor(text, timeout: timeout) { return screen }
        throw ScreenMismatch(wanted: text, screen: try screen())
    }

    public struct ScreenMismatch: Error, CustomStringConvertible {
        public let wanted: String
        public let screen: String
        public var description: String { "the screen never showed «\(wanted)»; it shows:\n\(screen)" }
    }

    /// Resizes the pane, as when a person resizes the window.
    public func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(columns), "-y", String(rows)])
    }

    @discardableResult
    private func tmux(_ arguments: [String], readsOutput: Bool = true) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        environment["TERM"] = "xterm-256color"
        environment.removeValue(forKey: "TMUX")
        return Spawn.run(["tmux", "-u", "-L", socket] + arguments, environment: environment, capture: readsOutput)
    }
}
