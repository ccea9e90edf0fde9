import Foundation
import GRDB

/// Why the store could not read or write, told by SQLite's result code (never by an error's English
/// text): each case has a message in the user's language (`storage.<case>` in the strings).
public enum StorageProblem: String, Sendable, CaseIterable {
    /// Another desk held the write lock longer than the busy timeout.
    case busy
    case diskFull
    /// The disk could not be read or written (a failing disk, a removed USB stick).
    case diskError
    /// The file or its folder cannot be written (a disk remounted read-only after errors).
    case readOnly
    /// The file is damaged or is not a VaxDesk database.
    case damaged
    case cannotOpen
    case other

    public init(_ error: Error) {
        guard let error = error as? DatabaseError else {
            self = (error as NSError).code == NSFileWriteOutOfSpaceError ? .diskFull : .other
            return
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_IOERR: self = .diskError
        case .SQLITE_READONLY, .SQLITE_PERM: self = .readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged
        case .SQLITE_CANTOPEN: self = .cannotOpen
        default: self = .other
        }
    }
}
