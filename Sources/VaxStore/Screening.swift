import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Records a screening and moves the visit on: to injection, or to its end when deferred,
    /// contraindicated or referred. A more lenient outcome than the answers give needs a reason (audited);
    /// going on to injection needs the person's consent. Returns the screening's id.
    @discardableResult
    public func recordScreening(_ screening: ScreeningDecision, by staffID: UUID, at date: Date) throws -> UUID {
        if let problem = screening.problem { throw problem }
        return try commitEvent(.screening, by: staffID, at: date) { db in
            try Self.advance(
                visitID: screening.visitID, from: .waitingScreening, to: VisitStage(after: screening.outcome),
                at: date, caution: screening.outcome == .caution, in: db)
            let id = UUID.timeOrdered()
            let answers = String(data: try JSONEncoder().encode(screening.yesItems.sorted()), encoding: .utf8)
            try db.execute(
                sql: """
                    INSERT INTO screening (id, visit_id, checklist_version, answers, computed_outcome, outcome,
                        override_reason, consent, screened_by, screened_at, temperature, pulse, systolic, diastolic,
                        respiratory_rate)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id.uuidString, screening.visitID.uuidString, screening.checklistVersion, answers,
                    screening.computedOutcome.rawValue, screening.outcome.rawValue, screening.overrideReason,
                    screening.consent, staffID.uuidString, date, screening.vitals?.temperature, screening.vitals?.pulse,
                    screening.vitals?.systolic, screening.vitals?.diastolic, screening.vitals?.respiratoryRate,
                ])
            let record = RecordRef(.screening, id)
            if screening.outcome.strictness < screening.computedOutcome.strictness {
                try AuditLog.append(
                    .screeningLenient, staffID: staffID, record: record,
                    detail: "\(screening.computedOutcome.rawValue) → \(screening.outcome.rawValue): \(screening.overrideReason ?? "")",
                    at: date, in: db)
            }
            return (record, id)
        }
    }
}
