import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// The site lead's view of the open session, read in one transaction (it is read again after every
    /// desk's write); nil when none is open. For the site lead `staffID` only.
    public func dashboard(by staffID: UUID) throws -> Dashboard? {
        try read { db in
            try Self.requirePermission(.viewDashboard, by: staffID, in: db)
            guard let session = try Self.openSession(db) else { return nil }
            let id = session.id.uuidString
            var board = Dashboard(session: session)
            board.stageCounts = try Self.stageCounts(sessionID: id, in: db)
            board.lots = try Self.lots(sessionID: id, in: db)
            board.vaccinated = board.lots.map(\.dosesGiven).reduce(0, +)
            board.openVials = try Row.fetchAll(
                db, sql: "\(Self.vialQuery) WHERE l.session_id = ? AND v.discarded_at IS NULL ORDER BY v.opened_at",
                arguments: [id]
            ).map { try Vial(row: $0) }
            board.outboxPending = try Self.pendingOutboxCount(in: db)
            board.sync = try Self.syncStatus(in: db)
            board.lastPull = try Row.fetchOne(db, sql: "SELECT pulled_at, people, doses FROM pull_state WHERE id = 1").map {
                PullSummary(at: $0["pulled_at"], people: $0["people"], doses: $0["doses"])
            }
            board.slots = try Self.slotAttendance(sessionID: id, day: session.day, in: db)
            board.refused = try Self.quarantinedRecords(in: db)
            board.lastBackup = try Self.lastBackup(in: db)
            for stage in [VisitStage.waitingScreening, .waitingInjection] {
                board.waitingSince[stage] = try Date.fetchAll(
                    db, sql: "SELECT stage_since FROM visit WHERE session_id = ? AND stage = ?",
                    arguments: [id, stage.rawValue])
            }
            board.firstInjection = try Date.fetchOne(
                db, sql: "SELECT MIN(i.injected_at) FROM injection i JOIN visit v ON v.id = i.visit_id WHERE v.session_id = ? AND i.voided IS NULL",
                arguments: [id])
            board.adverseEvents = try Self.adverseEvents(sessionID: id, onlyUnacknowledgedSerious: false, in: db)
            board.seriousReportsDue = try Self.seriousReportsDue(in: db)
            return board
        }
    }
}
