import Foundation
import GRDB
import VaxCore

/// A desk that calls a person claims them until the step is recorded or the desk lets go (Esc, signing
/// out): other desks show the person as taken and cannot call them, and the store refuses a step on a
/// person another desk holds. A claim of a desk whose process is gone (killed, power lost on that
/// terminal) is free at once; one that outlives `claimLifetime` unrenewed is free too (a process id
/// reused by chance).
extension AppDatabase {
    public static let claimLifetime: TimeInterval = 2 * 3_600

    /// Claims the visit, waiting at `stage`, for `staffID` at this desk. Refused with the name of whoever
    /// holds it when another desk does; claiming again what this desk holds renews it.
    public func claimVisit(_ visitID: UUID, at stage: VisitStage, by staffID: UUID, at date: Date) throws {
        try write { db in
            guard let act = stage.claimAct else { throw VisitError.notAtStage(expected: .waitingScreening, actual: stage) }
            try Self.requirePermission(act, by: staffID, in: db)
            guard let row = try Row.fetchOne(
                db, sql: "SELECT stage, claimed_by, claim_holder, claimed_at FROM visit WHERE id = ?", arguments: [visitID.uuidString])
            else { throw VisitError.notFound(.visit) }
            let actual = VisitStage(rawValue: row["stage"]) ?? .discharged
            guard actual == stage else { throw VisitError.notAtStage(expected: stage, actual: actual) }
            try refuseOthersClaim(row, at: date, in: db)
            try db.execute(
                sql: "UPDATE visit SET claimed_by = ?, claim_holder = ?, claimed_at = ? WHERE id = ?",
                arguments: [staffID.uuidString, claimHolder, date, visitID.uuidString])
        }
    }

    /// Lets go of a claim this desk holds (Esc back to the queue, signing out); nothing if it holds none.
    public func releaseClaim(_ visitID: UUID) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE visit SET claimed_by = NULL, claim_holder = NULL, claimed_at = NULL WHERE id = ? AND claim_holder = ?",
                arguments: [visitID.uuidString, claimHolder])
        }
    }

    /// Before a step is recorded on a visit: refused when another desk holds a live claim on it.
    func refuseOthersClaim(on visitID: UUID, at date: Date, in db: Database) throws {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT claimed_by, claim_holder, claimed_at FROM visit WHERE id = ?", arguments: [visitID.uuidString])
        else { return }
        try refuseOthersClaim(row, at: date, in: db)
    }

    private func refuseOthersClaim(_ row: Row, at date: Date, in db: Database) throws {
        guard isOtherDesksLiveClaim(row, at: date) else { return }
        let staff = try Row.fetchOne(db, sql: "SELECT code, full_name FROM staff WHERE id = ?", arguments: [row["claimed_by"] as String?])
        throw VisitError.claimedElsewhere(code: staff?["code"] ?? "?", name: staff?["full_name"] ?? "")
    }

    /// The staff code of a live claim another desk holds on a queue row (nil: free, or this desk's).
    func otherDeskClaim(_ row: Row, at date: Date) -> String? {
        isOtherDesksLiveClaim(row, at: date) ? row["claimer_code"] as String? ?? "?" : nil
    }

    /// A claim on the row by another desk that still counts: its process alive, its age under the lifetime.
    private func isOtherDesksLiveClaim(_ row: Row, at date: Date) -> Bool {
        guard let holder = row["claim_holder"] as String?, holder != claimHolder,
              let claimedAt = row["claimed_at"] as Date?
        else { return false }
        return date.timeIntervalSince(claimedAt) < Self.claimLifetime && !ProcessHolder.isGone(holder)
    }
}

extension VisitStage {
    /// The act of the desk that calls people waiting at this stage (nil: nobody waits there to be called).
    var claimAct: Act? {
        switch self {
        case .waitingScreening: .recordScreening
        case .waitingInjection: .inject
        case .inObservation: .discharge
        case .deferred, .contraindicated, .referred, .discharged, .leftWithoutDose: nil
        }
    }
}
