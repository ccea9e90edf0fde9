import Crypto
import Foundation
import Synchronization
import GRDB
import VaxCore

extension AppDatabase {
    /// What a staff import did; `newPINs` holds the first PIN of each member added (by code), to be told
    /// to them once: only its hash is kept.
    public struct StaffImportResult: Sendable {
        public var added = 0
        public var updated = 0
        public var newPINs: [String: String] = [:]
    }

    /// Adds the staff of a list, or updates the name and role of those already there (matched by
    /// code), by the site lead `staffID`. Each member added gets a random first PIN.
    public func importStaff(_ members: [Staff], by staffID: UUID, at date: Date) throws -> StaffImportResult {
        // Hashing takes a tenth of a second a PIN: done before the write lock is taken. A member already
        // there does not use the PIN made for them.
        let pins = Dictionary(members.map { ($0.code, Self.newPIN()) }, uniquingKeysWith: { first, _ in first })
        let hashes = try Self.hashPINs(pins, key: try keyForNewPIN())
        return try write { db in
            try Self.requirePermission(.manageStaff, by: staffID, in: db)
            guard let siteID = try String.fetchOne(db, sql: "SELECT id FROM site LIMIT 1") else { throw VisitError.notFound(.site) }
            var result = StaffImportResult()
            for member in members {
                if let existing = try Row.fetchOne(db, sql: "SELECT full_name, role FROM staff WHERE code = ?", arguments: [member.code]) {
                    guard existing["full_name"] != member.fullName || existing["role"] != member.role.rawValue else { continue }
                    try db.execute(sql: "UPDATE staff SET full_name = ?, role = ?, active = 1 WHERE code = ?",
                                   arguments: [member.fullName, member.role.rawValue, member.code])
                    result.updated += 1
                } else {
                    try Self.insertStaff(member, siteID: siteID, pin: hashes[member.code], in: db)
                    result.newPINs[member.code] = pins[member.code]
                    result.added += 1
                }
            }
            try AuditLog.append(.staffImport, staffID: staffID, record: nil,
                                detail: "added=\(result.added) updated=\(result.updated)", at: date, in: db)
            return result
        }
    }

    static func insertStaff(_ member: Staff, siteID: String, pin: PINHash?, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO staff (id, site_id, code, full_name, role) VALUES (?, ?, ?, ?, ?)",
            arguments: [member.id.uuidString, siteID, member.code, member.fullName, member.role.rawValue])
        if let pin { try storePIN(pin, forStaff: member.id, in: db) }
    }

    /// The hashes of PINs by staff code, computed on every core at once.
    static func hashPINs(_ pins: [String: String], key: SymmetricKey) throws -> [String: PINHash] {
        let entries = Array(pins)
        // The key's bytes cross to the other threads (a `SymmetricKey` is not `Sendable`).
        let keyBytes = key.withUnsafeBytes { Data($0) }
        let results = Mutex(Array<Result<PINHash, Error>?>(repeating: nil, count: entries.count))
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            let result = Result { try PINHash(pin: entries[index].value, key: SymmetricKey(data: keyBytes)) }
            results.withLock { $0[index] = result }
        }
        return try results.withLock { results in
            try Dictionary(uniqueKeysWithValues: zip(entries.map(\.key), results.map { try $0!.get() }))
        }
    }
}
