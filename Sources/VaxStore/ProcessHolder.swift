import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who holds something shared by the site's processes (the sync lease, a desk's claim on a person),
/// as `host:pid:random`. A process killed with kill -9 cannot give it back: another process on the same
/// machine sees that the holder is gone and takes over at once, instead of waiting out an expiry. A
/// holder on another machine is never judged gone.
public enum ProcessHolder {
    /// A new holder for this process (two holders of one process are told apart by the random part).
    public static func current() -> String {
        "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
    }

    public static func isGone(_ holder: String) -> Bool {
        let parts = holder.split(separator: ":")
        guard parts.count == 3, parts[0] == Substring(ProcessInfo.processInfo.hostName), let pid = pid_t(parts[1]), pid > 0
        else { return false }
        // Signal 0 asks only whether the process exists; a reused pid only means waiting for expiry.
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
