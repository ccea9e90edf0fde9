import Foundation
import GRDB
import VaxCore
import SQLiteStore

/// The one door to the site's SQLite store: every read and write of the program is a method here.
///
/// The file is shared by every desk process of the site. WAL lets desks read while one writes;
/// writes wait up to `busyTimeout` for each other; clinical writes are `BEGIN IMMEDIATE` on a writer
/// connection with `synchronous=FULL`, so a confirmed event is on the disk, not only in the operating
/// system's cache, when the call returns: it survives a power cut.
public struct AppDatabase: Sendable {
    /// How long a write waits for another process's write before failing.
    public static let busyTimeout: TimeInterval = 15

    let pool: DatabasePool
    public let path: String
    /// Opened by `init(readingAt:)`: nothing can be written, and the acts around reading (a sign-in, an
    /// export) cannot be recorded in the audit trail.
    public let isReadOnly: Bool
    /// This connection's name when it claims a person for a desk (`ProcessHolder`): another process
    /// sees whether it is still alive.
    let claimHolder = ProcessHolder.current()

    /// Opens (and creates, if needed) the site database at `path`, migrating it to the current schema.
    /// A failure of the disk or the file is thrown as `OpenFailed`.
    public init(path: String) throws {
        do {
            try self.init(opening: path)
        } catch {
            throw OpenFailed.wrapping(error, path: path)
        }
    }

    private init(opening path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.restrictToOwner(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.requireFullSync()
        self.path = path
        isReadOnly = false
        try MigrationLock.withExclusiveLock(beside: path) {
            var migrator = DatabaseMigrator()
            Migrations.register(in: &migrator)
            // A file written by a newer VaxDesk is never opened for writing by this one.
            try Self.refuseNewerSchema(pool, path: path, migrator: migrator)
            try migrator.migrate(pool)
        }
    }

    static func refuseNewerSchema(_ pool: DatabasePool, path: String, migrator: DatabaseMigrator) throws {
        let unknown = try pool.read { db in try migrator.appliedIdentifiers(db) }.subtracting(Self.schemaVersions)
        guard unknown.isEmpty else { throw NewerSchema(path: path, unknownMigrations: unknown.sorted()) }
    }

    /// The migrations this program knows, in the order they run.
    public static var schemaVersions: [String] { Migrations.all.map { $0.identifier } }

    /// The database has migrations this program does not know: it was written by a newer VaxDesk.
    public struct NewerSchema: Error, CustomStringConvertible {
        public let path: String
        public let unknownMigrations: [String]
        public var description: String {
            "\(path) was written by a newer VaxDesk (schema \(unknownMigrations.joined(separator: ", "))): "
                + "use that version or newer on this machine; the file was not changed"
        }
    }

    /// Health data is readable by its owner only: the database file is created (or set) 0600 before
    /// SQLite opens it, and SQLite gives its WAL and shared-memory files the database file's mode.
    static func restrictToOwner(_ path: String) throws {
        let files = FileManager.default
        if !files.fileExists(atPath: path) {
            guard files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        for file in [path, path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
            try? files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    /// Writes one clinical event: the record (by `body`), its outbox row and its audit row, in one
    /// `BEGIN IMMEDIATE` transaction. Either all three are on disk when this returns, or none is.
    func commitEvent<T>(
        _ event: ClinicalEvent, by staffID: UUID, at date: Date,
        _ body: (Database) throws -> (RecordRef, T)
    ) throws -> T {
        if isReadOnly { throw ReadOnlyDatabase(path: path) }
        return try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                try Self.requirePermission(event.act, by: staffID, in: db)
                let (record, value) = try body(db)
                try Outbox.append(record, event: event, at: date, in: db)
                try AuditLog.append(
                    .clinical(event), staffID: staffID, record: record, detail: nil, at: date, in: db)
                result = value
                return .commit
            }
            return result!
        }
    }

    /// Writes something that is not a clinical event (the roster, staff, set-up) in one transaction.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if isReadOnly { throw ReadOnlyDatabase(path: path) }
        return try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// How the writer connection commits (journal mode and `synchronous`), as SQLite reports it.
    public func writerDurability() throws -> CommitDurability {
        try pool.writerDurability()
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }
}

/// A record that an event wrote: its kind and id, as the outbox and the audit log name it.
public struct RecordRef: Hashable, Sendable {
    public let type: RecordType
    public let id: UUID

    public init(_ type: RecordType, _ id: UUID) {
        self.type = type
        self.id = id
    }
}

/// The kinds of record the outbox and the audit log name, as stored in their `record_type` column.
public enum RecordType: String, Sendable, CaseIterable {
    case person, visit, screening, injection, observation, aefi, vial, session, amendment, staff
    /// A dose entered from a paper record.
    case priorDose = "prior_dose"
    /// A signed certificate (`issued_certificate`).
    case certificate
}

/// The clinical events of a session, as the outbox and the audit log name them.
public enum ClinicalEvent: String, Sendable, CaseIterable {
    /// A walk-in added to the roster at the check-in desk.
    case registration
    case checkIn = "check-in"
    case screening
    case injection
    case discharge
    case aefi
    case vialOpened = "vial-opened"
    case vialDiscarded = "vial-discarded"
    case sessionOpened = "session-opened"
    case sessionClosed = "session-closed"
    /// A dose given before and entered after the fact from a paper record.
    case backfill
    /// A correction to a record of a closed session.
    case amendment
    /// A person the centre knows (they have doses or visits), completed by a roster import: their
    /// Patient goes again.
    case personUpdated = "person-updated"
    /// A person's record corrected by hand (a wrong name, birth date, identity number…): their Patient
    /// goes again.
    case personCorrected = "person-corrected"
    /// A record entered in error, voided: it goes to the centre again as entered-in-error.
    case voided
    /// Two records of the same person merged: the one merged goes as replaced by the one kept.
    case personMerged = "person-merged"
    /// A signed certificate issued (at discharge, or again for a person).
    case certificateIssued = "certificate-issued"
    /// A signed certificate revoked because the record it states was corrected, voided or merged.
    case certificateRevoked = "certificate-revoked"
}

extension ClinicalEvent {
    /// The act a staff member does by recording this event.
    var act: Act {
        switch self {
        case .registration: .registerWalkIn
        case .checkIn: .checkIn
        case .screening: .recordScreening
        case .injection: .inject
        case .discharge: .discharge
        case .aefi: .recordAdverseEvent
        case .vialOpened: .openVial
        case .vialDiscarded: .discardVial
        case .sessionOpened: .openSession
        case .sessionClosed: .closeSession
        case .backfill: .recordPaperDose
        case .amendment: .amendRecord
        case .personUpdated: .importRoster
        case .personCorrected: .correctPerson
        case .voided: .voidRecord
        case .personMerged: .mergePeople
        case .certificateIssued: .printCertificate
        // Never committed alone: it follows a correction, a void or a merge, whose own act allowed it.
        case .certificateRevoked: .voidRecord
        }
    }
}
