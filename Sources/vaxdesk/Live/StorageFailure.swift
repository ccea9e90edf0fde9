import Foundation

/// A storage error told in words a nurse can act on, with the detail kept short.
enum StorageFailure {
    static func describe(_ error: Error) -> String {
        let text = String(describing: error)
        if text.contains("SQLITE_BUSY") || text.contains("database is locked") {
            return "database busy (another desk is writing)"
        }
        if text.contains("SQLITE_FULL") || text.contains("disk is full") { return "disk full" }
        if text.contains("SQLITE_IOERR") { return "disk error" }
        if text.contains("SQLITE_READONLY") { return "database is read-only" }
        return String(text.prefix(80))
    }
}
