import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Serialises schema migration between processes: two processes migrating one new file at once
/// collide ("table … already exists"), so each takes an exclusive lock on `<db>.lock` first.
enum MigrationLock {
    static func withExclusiveLock<T>(beside databasePath: String, _ body: () throws -> T) throws -> T {
        let lockPath = databasePath + ".lock"
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
