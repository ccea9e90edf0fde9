import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Checks a staff member's PIN. A wrong PIN counts towards a lock that grows with each further wrong
    /// one (`PINPolicy`); a right one clears the count. Every attempt, right or wrong, is audited.
    /// Throws `SignInRefusal`.
    ///
    /// The lock is checked and the attempt counted in one write transaction before the PIN is hashed:
    /// attempts sent at once are each counted, and once the count locks the account no further one is
    /// tried (the right PIN among forty wrong ones sent together is not let through). A malformed PIN
    /// is refused without counting.
    public func signIn(code: String, pin: String, at date: Date) throws -> Staff {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard PINPolicy.isWellFormed(pin) else { throw SignInRefusal.malformedPIN }
        let key = try keyForChecking()
        let (member, stored, failures) = try countAttempt(code: code, at: date)
        let record = RecordRef(.staff, member.id)
        // PBKDF2 takes a tenth of a second: outside any transaction, so that other desks do not wait.
        if stored.matches(pin, key: stored.keyed ? key : nil) {
            // A hash made before the site had its key is made again with it, now that the PIN is known.
            let rehashed = stored.keyed || isReadOnly ? nil : try PINHash(pin: pin, key: try keyForNewPIN())
            try recordAct { db in
                try db.execute(sql: "UPDATE staff SET failed_pins = 0, locked_until = NULL WHERE id = ?",
                               arguments: [member.id.uuidString])
                if let rehashed { try Self.storePIN(rehashed, forStaff: member.id, in: db) }
                try AuditLog.append(.signIn, staffID: member.id, record: record, detail: nil, at: date, in: db)
            }
            return member
        }
        try recordAct { db in
            try AuditLog.append(.signInFailed, staffID: member.id, record: record,
                                detail: "wrong PIN \(failures) in a row", at: date, in: db)
        }
        if let lock = PINPolicy.lockDuration(afterFailures: failures, siteLead: member.role == .siteLead) {
            throw SignInRefusal.locked(until: date.addingTimeInterval(lock))
        }
        throw SignInRefusal.wrongPIN(attemptsLeft: PINPolicy.failuresBeforeLock - failures)
    }

    /// What one attempt may go on to try: the staff member, their PIN's hash, and the wrong PINs in a
    /// row this attempt makes if it is wrong (counted now, and the lock set now if it reaches it).
    private func countAttempt(code: String, at date: Date) throws -> (Staff, PINHash, failures: Int) {
        enum Attempt { case unknown, locked(UUID, Date), noPIN(UUID), tried(Staff, PINHash, Int) }
        let attempt: Attempt = try writeOrRead { db, writable in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ? AND active = 1", arguments: [code]) else {
                if writable {
                    try AuditLog.append(.signInFailed, staffID: nil, record: nil, detail: "unknown code \(code)", at: date, in: db)
                }
                return .unknown
            }
            let member = try Staff(row: row)
            let record = RecordRef(.staff, member.id)
            if let lockedUntil = row["locked_until"] as Date?, lockedUntil > date {
                if writable { try AuditLog.append(.signInLocked, staffID: member.id, record: record, detail: nil, at: date, in: db) }
                return .locked(member.id, lockedUntil)
            }
            guard let stored = Self.pinHash(row) else {
                if writable {
                    try AuditLog.append(.signInFailed, staffID: member.id, record: record, detail: "no PIN set", at: date, in: db)
                }
                return .noPIN(member.id)
            }
            // On a read-only file nothing can be counted: the attempt is tried as the next one would be.
            let failures = (row["failed_pins"] as Int? ?? 0) + 1
            if writable {
                let lock = PINPolicy.lockDuration(afterFailures: failures, siteLead: member.role == .siteLead)
                try db.execute(sql: "UPDATE staff SET failed_pins = ?, locked_until = ? WHERE id = ?",
                               arguments: [failures, lock.map { date.addingTimeInterval($0) }, member.id.uuidString])
            }
            return .tried(member, stored, failures)
        }
        switch attempt {
        case .unknown: throw SignInRefusal.unknownCode
        case .locked(_, let until): throw SignInRefusal.locked(until: until)
        case .noPIN: throw SignInRefusal.noPIN
        case .tried(let member, let stored, let failures): return (member, stored, failures)
        }
    }

    /// The site lead sets a staff member's PIN (a new one, or a reset after a lock or a forgotten PIN):
    /// the count of wrong PINs and any lock are cleared. Audited.
    public func setPIN(_ pin: String, forCode code: String, by staffID: UUID, at date: Date) throws {
        guard PINPolicy.isWellFormed(pin) else { throw VisitError.malformedPIN }
        let hash = try PINHash(pin: pin, key: try keyForNewPIN())
        try write { db in
            try Self.requirePermission(.manageStaff, by: staffID, in: db)
            guard let memberID = try String.fetchOne(db, sql: "SELECT id FROM staff WHERE code = ?", arguments: [code.uppercased()]),
                  let id = UUID(uuidString: memberID)
            else { throw VisitError.unknownStaffCode(code) }
            try Self.storePIN(hash, forStaff: id, in: db)
            try AuditLog.append(.pinReset, staffID: staffID, record: RecordRef(.staff, id),
                                detail: nil, at: date, in: db)
        }
    }

    /// A staff member changes their own PIN. The present one is checked as a sign-in is (a wrong one
    /// counts towards the lock, and the attempt is audited); the new one replaces it, audited as a change.
    /// Throws `SignInRefusal` for the present PIN, `VisitError.malformedPIN` for the new one.
    public func changeOwnPIN(code: String, current: String, new: String, at date: Date) throws {
        guard PINPolicy.isWellFormed(new) else { throw VisitError.malformedPIN }
        let member = try signIn(code: code, pin: current, at: date)
        let hash = try PINHash(pin: new, key: try keyForNewPIN())
        try write { db in
            try Self.storePIN(hash, forStaff: member.id, in: db)
            try AuditLog.append(.pinChanged, staffID: member.id, record: RecordRef(.staff, member.id),
                                detail: nil, at: date, in: db)
        }
    }

    static func storePIN(_ hash: PINHash, forStaff id: UUID, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE staff SET pin_hash = ?, pin_salt = ?, pin_rounds = ?, pin_keyed = ?, failed_pins = 0, locked_until = NULL
                WHERE id = ?
                """,
            arguments: [hash.hash.hex, hash.salt.hex, hash.rounds, hash.keyed, id.uuidString])
    }

    private static func pinHash(_ row: Row) -> PINHash? {
        guard let hash = (row["pin_hash"] as String?).flatMap(Data.init(hex:)),
              let salt = (row["pin_salt"] as String?).flatMap(Data.init(hex:)),
              let rounds = row["pin_rounds"] as Int?
        else { return nil }
        return PINHash(hash: hash, salt: salt, rounds: rounds, keyed: (row["pin_keyed"] as Bool?) ?? false)
    }

    /// Every act is checked here, below any desk or command: the staff member must exist, be active,
    /// and have a role that may do it. Deny by default (`Act.allowedRoles`).
    static func requirePermission(_ act: Act, by staffID: UUID, in db: Database) throws {
        let role = try String.fetchOne(
            db, sql: "SELECT role FROM staff WHERE id = ? AND active = 1", arguments: [staffID.uuidString]
        ).flatMap(Role.init(rawValue:))
        guard let role, role.may(act) else { throw VisitError.notPermitted(act, role: role) }
        // The session's work is its team's: someone with the right role but not on today's team (a
        // shared machine, a colleague's desk) records nothing until the site lead adds them.
        if act.needsTeam, role != .siteLead, let session = try Self.openSession(db) {
            let onTeam = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM session_team WHERE session_id = ? AND staff_id = ?)",
                arguments: [session.id.uuidString, staffID.uuidString]) ?? false
            guard onTeam else { throw VisitError.notOnTeam }
        }
    }

    /// Adds staff to the open session's team (site lead): audited. Answers who was added (those on it
    /// already are left as they are).
    public func addToTeam(_ codes: [String], by staffID: UUID, at date: Date) throws -> [Staff] {
        try write { db in
            try Self.requirePermission(.openSession, by: staffID, in: db)
            guard let session = try Self.openSession(db, withTeam: true) else { throw VisitError.noOpenSession }
            var added: [Staff] = []
            for code in codes {
                let normalized = code.trimmingCharacters(in: .whitespaces).uppercased()
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ? AND active = 1", arguments: [normalized])
                else { throw VisitError.unknownStaffCode(normalized) }
                let member = try Staff(row: row)
                guard !session.team.contains(member.id) else { continue }
                try db.execute(sql: "INSERT INTO session_team (session_id, staff_id) VALUES (?, ?)",
                               arguments: [session.id.uuidString, member.id.uuidString])
                try AuditLog.append(.teamAdded, staffID: staffID, record: nil, detail: member.code, at: date, in: db)
                added.append(member)
            }
            return added
        }
    }

    /// Random PINs for new staff, told once to the site lead who passes them on.
    public static func newPIN() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(format: "%06d", Int.random(in: 0 ..< 1_000_000, using: &generator))
    }
}

extension AppDatabase {
    /// Records that data left the site (a report written out, a FHIR file): who, what, when. Refused
    /// to anyone but the roles that may export.
    public func recordExport(_ what: String, by staffID: UUID, at date: Date) throws {
        try read { db in try Self.requirePermission(.exportRecords, by: staffID, in: db) }
        try recordAct { db in
            try AuditLog.append(.export, staffID: staffID, record: nil, detail: what, at: date, in: db)
        }
    }

    /// Records that a staff member read the roster with its full numbers from the command line: what
    /// they asked, and how many people it answered.
    public func recordRosterSearch(_ query: String, answered: Int, by staffID: UUID, at date: Date) throws {
        try recordAct { db in
            try AuditLog.append(.rosterSearch, staffID: staffID, record: nil, detail: "\(answered) for «\(query)»", at: date, in: db)
        }
    }

    /// Records that a person's certificate was printed or saved (it carries their name and numbers).
    public func recordCertificatePrinted(_ reference: UUID, by staffID: UUID, at date: Date) throws {
        try write { db in
            try Self.requirePermission(.printCertificate, by: staffID, in: db)
            try AuditLog.append(.certificatePrinted, staffID: staffID,
                                record: RecordRef(.injection, reference), detail: nil, at: date, in: db)
        }
    }
}
