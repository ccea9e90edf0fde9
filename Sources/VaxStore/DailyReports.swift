import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Annex 5 of the site for `day` (`yyyy-mm-dd`): every session of the day summed. Nil when the
    /// site held no session that day.
    public func dailyReport(day: String) throws -> DailyReport? {
        let ids = try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM session WHERE day = ? ORDER BY opened_at", arguments: [day])
        }
        guard !ids.isEmpty else { return nil }
        let sessions = try ids.map { try sessionReport(sessionID: UUID(uuidString: $0)) }
        return DailyReport(day: day, unit: try site()?.name ?? "", sessions: sessions)
    }
}
