import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who holds the sync lease, as `host:pid:random`. A pusher killed with kill -9 cannot give its lease
/// back: the next pusher on the same machine sees that the process is gone and takes over at once,
/// instead of waiting out the lease's two minutes. A holder on another machine is never judged gone.
enum LeaseHolder {
    static func current() -> String {
        "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
    }

    static func isGone(_ holder: String) -> Bool {
        let parts = holder.split(separator: ":")
        guard parts.count == 3, parts[0] == Substring(ProcessInfo.processInfo.hostName), let pid = pid_t(parts[1]), pid > 0
        else { return false }
        // Signal 0 asks only whether the process exists; a reused pid only means waiting for expiry.
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
