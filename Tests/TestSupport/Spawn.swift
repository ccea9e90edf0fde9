import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with posix_spawn and waits for it with waitpid. Foundation's Process cannot be used
/// for tmux: the tmux server it starts daemonises and inherits the descriptor Process watches for the
/// child's exit, so the wait never ends.
public enum Spawn {
    /// Runs `arguments` with this process's environment and returns what it printed on stdout.
    public static func output(_ arguments: [String]) -> String {
        execute(arguments, environment: ProcessInfo.processInfo.environment, capture: true).output
    }

    /// Runs `arguments` (the first is looked up in PATH); returns what it printed on stdout when
    /// `capture` is set. stdin, and stdout when not captured, are /dev/null.
    static func run(_ arguments: [String], environment: [String: String], capture: Bool) -> String {
        execute(arguments, environment: environment, capture: capture).output
    }

    /// Runs `arguments` and returns its exit status (-1 when it could not start or was killed).
    public static func status(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        execute(arguments, environment: environment, capture: false).status
    }

    private static func execute(_ arguments: [String], environment: [String: String], capture: Bool) -> (status: Int32, output: String) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var fds: [Int32] = [-1, -1]
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if capture {
            _ = pipe(&fds)
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The calling thread may block signals (test runners do); the child must start with none
        // blocked, or the program under test never sees SIGWINCH, SIGTERM or SIGHUP.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        guard posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp) == 0 else { return (-1, "") }
        var output = Data()
        if capture {
            close(fds[1])
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(fds[0], &chunk, chunk.count)
                if count <= 0 { break }
                output.append(contentsOf: chunk[0..<count])
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // Exited normally: the low 7 bits are 0 and the status is in the next byte.
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return (exit, String(decoding: output, as: UTF8.self))
    }
}
