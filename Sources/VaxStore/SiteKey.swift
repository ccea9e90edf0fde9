import Crypto
import Foundation
import GRDB

/// The site's PIN key: 32 random bytes in a file beside the database (`site.db.key`, readable by its
/// owner only), mixed into every PIN's hash (`PINHash`). A stolen copy of the database alone then
/// cannot be used to try the 10,000 four-digit PINs: each guess needs the key. The file is created
/// with the first PIN (at set-up), copied beside every backup, and put back by a restore.
enum SiteKey {
    static let suffix = ".key"
    static func path(beside database: String) -> String { database + suffix }

    /// The key beside `database`, or nil when there is no file. A file that is not a key, or that
    /// group or others may read, is refused.
    static func load(beside database: String) throws -> SymmetricKey? {
        guard let text = try KeyFiles.read(path(beside: database)) else { return nil }
        guard let bytes = Data(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32
        else { throw SiteKeyProblem.damaged(path(beside: database)) }
        return SymmetricKey(data: bytes)
    }

    /// A new key beside `database`; another process's, when it made one first.
    static func create(beside database: String) throws -> SymmetricKey {
        let key = SymmetricKey(size: .bits256)
        guard try KeyFiles.createExclusive(path(beside: database), contents: key.withUnsafeBytes { Data($0) }.hex + "\n") else {
            // Another process made it first: its key is the site's.
            if let theirs = try load(beside: database) { return theirs }
            throw SiteKeyProblem.missing(path(beside: database))
        }
        return key
    }
}

/// The secret files that live beside a site database, readable by its owner only, and go with it into
/// every backup and back with every restore: the PIN key (`site.db.key`) and the certificate signing
/// key (`site.db.signing-key`).
enum KeyFiles {
    static let suffixes = [SiteKey.suffix, SigningKeyFile.suffix]

    /// The file's text, nil when there is none; refused when group or others may read it, or it is not text.
    static func read(_ file: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        let mode = (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else { throw SiteKeyProblem.readableByOthers(file) }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw SiteKeyProblem.damaged(file) }
        return text
    }

    /// Writes a new key file: 0600 under a name of this process's own, flushed, then linked to its name,
    /// which fails when the file is there already (false): two processes setting up one site at once
    /// never replace each other's key, and a power cut never leaves half a key.
    static func createExclusive(_ file: String, contents: String) throws -> Bool {
        let partial = file + ".partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: partial, contents: Data(contents.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: partial]) }
        defer { unlink(partial) }
        try BackupFiles.flush(partial)
        guard link(partial, file) == 0 else {
            let failure = errno
            if failure == EEXIST { return false }
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)])
        }
        try BackupFiles.flush((file as NSString).deletingLastPathComponent)
        return true
    }

    /// Copies each key file beside `source` to beside `target` (0600), those there are.
    static func copy(beside source: String, toBeside target: String) throws {
        for suffix in suffixes {
            let from = source + suffix, to = target + suffix
            guard FileManager.default.fileExists(atPath: from) else { continue }
            try? FileManager.default.removeItem(atPath: to)
            try FileManager.default.copyItem(atPath: from, toPath: to)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: to)
            try BackupFiles.flush(to)
        }
    }
}

/// The site key could not be used; no PIN can be checked until it is put back.
public enum SiteKeyProblem: Error, Equatable, CustomStringConvertible {
    /// The database holds PINs made with a key, and the key file is not beside it.
    case missing(String)
    case damaged(String)
    case readableByOthers(String)

    /// The name of the problem (`siteKey.<name>` in the strings) and the file it is about.
    public var name: String {
        switch self {
        case .missing: "missing"
        case .damaged: "damaged"
        case .readableByOthers: "readableByOthers"
        }
    }

    public var file: String {
        switch self {
        case .missing(let file), .damaged(let file), .readableByOthers(let file): file
        }
    }

    public var description: String {
        switch self {
        case .missing(let file):
            "the site key \(file) is missing: no PIN can be checked without it. Put it back from the backup "
                + "(it is beside each backup file), or restore the site from a backup"
        case .damaged(let file): "the site key \(file) is damaged: put it back from the backup"
        case .readableByOthers(let file): "the site key \(file) may be read by other users: chmod 600 \(file)"
        }
    }
}

extension AppDatabase {
    /// The key for a new PIN's hash: the file's, or a new file's when the site has none yet.
    func keyForNewPIN() throws -> SymmetricKey {
        if let key = try SiteKey.load(beside: path) { return key }
        try refuseWithoutKey()
        return try SiteKey.create(beside: path)
    }

    /// The site's key, to check PINs with: nil while the site has none (its PINs were all made before
    /// keys), and a refusal when PINs need it and the file is gone, before any attempt is counted.
    func keyForChecking() throws -> SymmetricKey? {
        if let key = try SiteKey.load(beside: path) { return key }
        try refuseWithoutKey()
        return nil
    }

    /// A key is never made anew while PINs made with the old one remain: they would all stop working.
    private func refuseWithoutKey() throws {
        let keyed = try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff WHERE pin_keyed = 1") ?? 0 }
        if keyed > 0 { throw SiteKeyProblem.missing(SiteKey.path(beside: path)) }
    }
}
