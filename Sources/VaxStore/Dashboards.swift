import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// The site lead's view of the open session; nil when none is open.
    public func dashboard() throws -> Dashboard? {
        guard let session = try openSession() else { return nil }
        let report = try sessionReport(sessionID: session.id)
        var board = Dashboard(session: session)
        board.stageCounts = try stageCounts()
        board.lots = report.lots
        board.vaccinated = report.vaccinated
        board.openVials = try sessionVials().filter { $0.closedAt == nil }
        board.outboxPending = try pendingOutboxCount()
        try read { db in
            let id = session.id.uuidString
            for stage in [VisitStage.waitingScreening, .waitingInjection] {
                board.waitingSince[stage] = try Date.fetchAll(
                    db, sql: "SELECT stage_since FROM visit WHERE session_id = ? AND stage = ?",
                    arguments: [id, stage.rawValue])
            }
            board.firstInjection = try Date.fetchOne(
                db, sql: "SELECT MIN(i.injected_at) FROM injection i JOIN visit v ON v.id = i.visit_id WHERE v.session_id = ?",
                arguments: [id])
            board.adverseEvents = try Self.adverseEvents(sessionID: id, onlyUnacknowledgedSerious: false, in: db)
        }
        return board
    }
}
