import ArgumentParser
import Foundation
import Logging
import Synchronization
import VaxCore
import VaxStore

/// `--backup-to DIR --backup-every MINUTES --backup-keep N`, for the sync service and the desk.
struct BackupOptions: ParsableArguments {
    @Option(help: "Back the database up into this folder (another disk, a USB stick) every --backup-every minutes.")
    var backupTo: String?

    @Option(help: "Minutes between backups, with --backup-to (none is taken when nothing was recorded).")
    var backupEvery: Double = 30

    @Option(help: "How many backups to keep in the folder, with --backup-to.")
    var backupKeep = 48

    mutating func validate() throws {
        guard backupEvery > 0 else { throw ValidationError("--backup-every must be a number of minutes above 0.") }
        guard backupKeep >= 1 else { throw ValidationError("--backup-keep must be at least 1.") }
    }

    /// Starts the schedule when a folder is given.
    func start(_ database: AppDatabase) -> BackupSchedule? {
        backupTo.map { BackupSchedule.start(database: database, into: $0, every: backupEvery * 60, keep: backupKeep) }
    }
}

/// Backups taken on a thread of their own while the process runs: the first one at once, then every
/// interval when something was recorded since the last. A failure (the USB stick pulled out) is
/// logged and tried again at the next turn; the site lead's dashboard shows the last good one.
final class BackupSchedule: @unchecked Sendable {
    private let stopped = Mutex(false)
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    static func start(database: AppDatabase, into directory: String, every interval: TimeInterval, keep: Int) -> BackupSchedule {
        let schedule = BackupSchedule()
        let logger = Logger(label: "vaxdesk.backup")
        let thread = Thread {
            while !schedule.stopped.withLock({ $0 }) {
                do {
                    if try database.changedSinceLastBackup() {
                        let record = try database.backUp(into: directory, keep: keep, at: Date())
                        logger.info("backup", metadata: ["path": "\(record.path)", "bytes": "\(record.bytes)"])
                    }
                } catch {
                    logger.error("backup failed", metadata: ["folder": "\(directory)", "error": "\(error)"])
                }
                _ = schedule.wake.wait(timeout: .now() + interval)
            }
            schedule.done.signal()
        }
        thread.start()
        return schedule
    }

    /// Stops, letting a backup under way finish (a half-written copy is never named as a backup anyway).
    func stop() {
        stopped.withLock { $0 = true }
        wake.signal()
        _ = done.wait(timeout: .now() + 30)
    }
}
