import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Records a screening and moves the visit on: to injection, or to its end when deferred,
    /// contraindicated or referred. Returns the screening's id.
    @discardableResult
    public func recordScreening(_ screening: ScreeningDecision, by staffID: UUID, at date: Date) throws -> UUID {
        try commitEvent(.screening, by: staffID, at: date) { db in
            try Self.advance(
                visitID: screening.visitID, from: .waitingScreening, to: VisitStage(after: screening.outcome),
                at: date, caution: screening.outcome == .caution, in: db)
            let id = UUID.timeOrdered()
            let answers = String(data: try JSONEncoder().encode(screening.yesItems.sorted()), encoding: .utf8)
            try db.execute(
                sql: """
                    INSERT INTO screening (id, visit_id, checklist_version, answers, computed_outcome, outcome,
                        override_reason, consent, screened_by, screened_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id.uuidString, screening.visitID.uuidString, screening.checklistVersion, answers,
                    screening.computedOutcome.rawValue, screening.outcome.rawValue, screening.overrideReason,
                    screening.consent, staffID.uuidString, date,
                ])
            return (RecordRef(type: "screening", id: id), id)
        }
    }
}
