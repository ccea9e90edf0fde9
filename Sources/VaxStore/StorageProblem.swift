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
        if let failure = error as? AppDatabase.OpenFailed {
            self = failure.problem
            return
        }
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

extension StorageProblem {
    /// The problem as seen on the disk that holds `path`: SQLite reports a full disk met while making
    /// its shared-memory file as an I/O error, which it is not, and a read-only disk as "cannot open".
    init(_ error: Error, at path: String) {
        self.init(error)
        guard [.diskError, .cannotOpen, .other].contains(self), let disk = Self.disk(of: path) else { return }
        if disk.f_flag & UInt(ST_RDONLY) != 0 {
            self = .readOnly
        } else if UInt64(disk.f_bavail) * UInt64(disk.f_frsize) < 64 << 10 {
            self = .diskFull
        }
    }

    /// The file system of `path`'s folder, as `statvfs` tells it (nil: unknown).
    static func disk(of path: String) -> statvfs? {
        var folder = (path as NSString).deletingLastPathComponent
        if folder.isEmpty { folder = "." }
        var info = statvfs()
        return statvfs(folder, &info) == 0 ? info : nil
    }
}

extension AppDatabase {
    /// The site database could not be opened: which file, and why, by SQLite's code and the disk.
    public struct OpenFailed: Error, CustomStringConvertible {
        public let path: String
        public let problem: StorageProblem
        public let underlying: String

        /// `error` from opening `path`, told as a storage problem when it is one (others pass as they are).
        static func wrapping(_ error: Error, path: String) -> Error {
            guard error is DatabaseError else { return error }
            return OpenFailed(path: path, problem: StorageProblem(error, at: path), underlying: String(describing: error))
        }

        public var description: String { "cannot open \(path): \(problem.rawValue) (\(underlying))" }
    }
}
