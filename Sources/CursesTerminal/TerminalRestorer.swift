import CNCursesw
#if canImport(Glibc)
import Glibc
#endif

/// Restores the terminal when the process is ended by a signal or a crash, then lets the signal do
/// what it would have done. A desk must never be left in raw mode with no echo.
enum TerminalRestorer {
    static let fatalSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    static func install() {
        var handled = sigset_t()
        sigemptyset(&handled)
        for signalNumber in fatalSignals + [SIGWINCH] { sigaddset(&handled, signalNumber) }
        // A desk started by a supervisor may inherit these blocked: it would then miss resizes and
        // could not be stopped cleanly.
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
        for signalNumber in fatalSignals {
            signal(signalNumber, restoreAndReraise)
        }
    }

    static func restoreNow() {
        curs_set(1)
        endwin()
    }
}

/// Runs in signal context: endwin is what htop and others call here; then the default action runs.
private func restoreAndReraise(_ signalNumber: Int32) {
    TerminalRestorer.restoreNow()
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
