import Foundation
import GRDB

/// Tells a desk that the database changed, whichever process wrote it.
///
/// `PRAGMA data_version` on a connection changes when any *other* connection commits; this watcher
/// keeps a connection of its own, so it sees this process's writes and every other desk's alike.
/// Polling it costs microseconds and takes no lock.
public final class ChangeWatcher: @unchecked Sendable {
    private let connection: DatabaseQueue
    private var lastVersion: Int?

    public init(database: AppDatabase) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(AppDatabase.busyTimeout)
        connection = try DatabaseQueue(path: database.path, configuration: configuration)
    }

    /// True when something was committed since the last call (and on the first call).
    public func hasChanged() throws -> Bool {
        let version = try connection.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        defer { lastVersion = version }
        return version != lastVersion
    }
}
