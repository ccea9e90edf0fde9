import Foundation
import Synchronization
import Logging
import VaxCore
import VaxStore
import VaxSync

/// A desk that pushes the outbox itself, on a thread of its own, when a centre is configured: the sites
/// without a `vaxdesk sync` service still send. The lease keeps it to one process at a time.
final class DeskSync: @unchecked Sendable {
    private let stopFlag = Mutex(false)
    private let done = DispatchSemaphore(value: 0)

    static func start(database: AppDatabase, transport: FHIRTransport, mapping: FHIRMapping) -> DeskSync {
        let sync = DeskSync()
        let logger = Logger(label: "vaxdesk.sync")
        let pusher = Pusher(database: database, transport: transport, mapping: mapping)
        let thread = Thread {
            do {
                try pusher.run(once: false, shouldStop: { sync.stopFlag.withLock { $0 } }) { round in
                    if case .failed(let message, _) = round { logger.warning("push failed", metadata: ["error": "\(message)"]) }
                }
            } catch {
                logger.error("sync stopped", metadata: ["error": "\(error)"])
            }
            sync.done.signal()
        }
        thread.start()
        return sync
    }

    /// Stops after the round under way (waits at most a few seconds) and gives the lease back.
    func stop() {
        stopFlag.withLock { $0 = true }
        _ = done.wait(timeout: .now() + 5)
    }
}
