import CNCursesw
import Foundation
import TerminalKit
#if canImport(Glibc)
import Glibc
#endif

/// The only code that calls ncurses. It sets the terminal up, draws runs of cells, decodes keys, and
/// puts the terminal back the way it found it on every way out: a normal exit, a thrown error, a signal
/// (SIGINT, SIGTERM, SIGHUP, SIGQUIT) and the crashes a process can still catch.
///
/// Curses is not thread-safe: every call comes from the thread that created this object.
public final class CursesTerminal: Terminal {
    public private(set) var size: Size
    private let useColor: Bool
    private var isActive = false

    /// Takes over the terminal. `stderrPath` receives everything written to stderr while the screen is
    /// up, so that a stray message never scribbles over a desk.
    public init(stderrPath: String?) {
        CursesTerminal.chooseUTF8Locale()
        if let stderrPath {
            let fd = open(stderrPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            if fd >= 0 {
                dup2(fd, STDERR_FILENO)
                close(fd)
            }
        }
        // A LINES or COLUMNS left in the environment would pin curses to a stale size and hide resizes.
        unsetenv("LINES")
        unsetenv("COLUMNS")
        setenv("ESCDELAY", "25", 0)
        initscr()
        raw()
        noecho()
        nonl()
        keypad(vd_stdscr(), true)
        wtimeout(vd_stdscr(), 50)
        useColor = has_colors() && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        if useColor {
            start_color()
            use_default_colors()
            CursesTerminal.definePairs()
        }
        size = Size(columns: Int(vd_cols()), rows: Int(vd_lines()))
        isActive = true
        TerminalRestorer.install()
    }

    deinit { restore() }

    /// Gives the terminal back: leaves curses mode and shows the cursor. Safe to call twice.
    public func restore() {
        guard isActive else { return }
        isActive = false
        TerminalRestorer.restoreNow()
    }

    public func invalidate() {
        clearok(vd_stdscr(), true)
    }

    public func draw(_ runs: [Run], cursor: (x: Int, y: Int)?) {
        for run in runs {
            var wide = run.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            _ = vd_put(Int32(run.y), Int32(run.x), wide, attributes(for: run.style))
        }
        if let cursor {
            curs_set(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        refresh()
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        wtimeout(vd_stdscr(), Int32(timeoutMilliseconds))
        var value: UInt32 = 0
        let status = vd_get_wch(&value)
        if status == vd_err() { return nil }
        if status == vd_key_code_yes() {
            if Int32(value) == KEY_RESIZE {
                size = Size(columns: Int(vd_cols()), rows: Int(vd_lines()))
                return nil
            }
            return KeyDecoding.functionKey(Int32(value))
        }
        return KeyDecoding.character(value)
    }

    private func attributes(for style: Style) -> Int32 {
        var attributes = vd_a_normal()
        if useColor, style.tone != .normal { attributes |= vd_color_pair(Int32(style.tone.rawValue)) }
        if style.bold { attributes |= vd_a_bold() }
        if style.reverse { attributes |= vd_a_reverse() }
        if style.underline { attributes |= vd_a_underline() }
        if !useColor, style.tone == .muted { attributes |= vd_a_dim() }
        return attributes
    }

    private static func definePairs() {
        let colors: [Tone: Int16] = [
            .accent: Int16(COLOR_CYAN), .success: Int16(COLOR_GREEN), .warning: Int16(COLOR_YELLOW),
            .danger: Int16(COLOR_RED), .muted: Int16(COLOR_BLUE),
        ]
        for (tone, color) in colors { init_pair(Int16(tone.rawValue), color, -1) }
    }

    /// Curses needs a UTF-8 locale to draw Vietnamese; only C.UTF-8 may be installed, so fall back to it.
    private static func chooseUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: vd_codeset())
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_ALL, "C.UTF-8")
        }
    }
}
