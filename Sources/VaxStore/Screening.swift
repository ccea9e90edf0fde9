import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// `visit.left_from` of a person who declined the dose at screening.
    static let refusedAtScreening = "refused"

    /// Records a screening and moves the visit on: to injection, or to its end when deferred,
    /// contraindicated or referred. Every item of `checklist` that applies to the person must have been
    /// answered, and the vital signs taken or why not said (audited); a more lenient outcome than the
    /// answers give needs a reason (audited); going on to injection needs the person's consent. A person
    /// fit for the dose who declines it (`refused`) leaves here, recorded as a refusal. Returns the
    /// screening's id.
    @discardableResult
    public func recordScreening(
        _ screening: ScreeningDecision, checklist: Checklist, by staffID: UUID, at date: Date
    ) throws -> UUID {
        if let problem = screening.problem { throw problem }
        return try commitEvent(.screening, by: staffID, at: date) { db in
            let sex = try String.fetchOne(
                db, sql: "SELECT p.sex FROM visit v JOIN person p ON p.id = v.person_id WHERE v.id = ?",
                arguments: [screening.visitID.uuidString]).flatMap(Sex.init(rawValue:))
            guard let sex else { throw VisitError.notFound(.visit) }
            try refuseOthersClaim(on: screening.visitID, at: date, in: db)
            if let problem = screening.problem(against: checklist, sex: sex) { throw problem }
            try Self.advance(
                visitID: screening.visitID, from: .waitingScreening,
                to: screening.endsAsRefusal ? .leftWithoutDose : VisitStage(after: screening.outcome),
                at: date, caution: screening.outcome == .caution, in: db)
            if screening.endsAsRefusal {
                try db.execute(sql: "UPDATE visit SET left_from = ? WHERE id = ?",
                               arguments: [Self.refusedAtScreening, screening.visitID.uuidString])
            }
            let id = UUID.timeOrdered()
            let answers = String(data: try JSONEncoder().encode(screening.yesItems.sorted()), encoding: .utf8)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let answered = String(data: try encoder.encode(screening.answers.byItem), encoding: .utf8)
            let notTaken = screening.vitals?.isComplete == true ? nil : screening.vitalsNotTakenReason?.trimmed
            try db.execute(
                sql: """
                    INSERT INTO screening (id, visit_id, checklist_version, answers, computed_outcome, outcome,
                        override_reason, consent, screened_by, screened_at, temperature, pulse, systolic, diastolic,
                        respiratory_rate, answered, vitals_not_taken)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id.uuidString, screening.visitID.uuidString, screening.checklistVersion, answers,
                    screening.computedOutcome.rawValue, screening.outcome.rawValue, screening.overrideReason,
                    screening.consent, staffID.uuidString, date, screening.vitals?.temperature, screening.vitals?.pulse,
                    screening.vitals?.systolic, screening.vitals?.diastolic, screening.vitals?.respiratoryRate,
                    answered, notTaken,
                ])
            let record = RecordRef(.screening, id)
            if let notTaken {
                try AuditLog.append(.vitalsNotTaken, staffID: staffID, record: record, detail: notTaken, at: date, in: db)
            }
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
