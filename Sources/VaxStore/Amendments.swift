import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// What of an injection a site lead may correct once its session is closed.
    public enum InjectionCorrection: Hashable, Sendable {
        case arm(Arm)
        /// Another lot of the same session (the dose was drawn from it in fact).
        case lot(String)
    }

    /// Corrects an injection of a closed session: the record changes, and an amendment row keeps what it
    /// was, what it became, why and by whom; audited and queued for the central service like any event.
    /// Only a site lead amends, and always with a reason. Returns the amendment's id.
    @discardableResult
    public func amendInjection(
        _ injectionID: UUID, _ correction: InjectionCorrection, reason: String, by staffID: UUID, at date: Date
    ) throws -> UUID {
        let reason = try Self.requiredReason(reason)
        return try commitEvent(.amendment, by: staffID, at: date) { db in
            guard let injection = try Row.fetchOne(
                db, sql: """
                    SELECT i.arm, l.lot_number, v.session_id, i.voided FROM injection i JOIN vaccine_lot l ON l.id = i.lot_id
                    JOIN visit v ON v.id = i.visit_id WHERE i.id = ?
                    """,
                arguments: [injectionID.uuidString])
            else { throw VisitError.notFound(.injection) }
            guard (injection["voided"] as String?) == nil else { throw VisitError.alreadyVoided }
            let sessionID: String = injection["session_id"]
            let (field, old, new): (String, String?, String)
            switch correction {
            case .arm(let arm):
                (field, old, new) = ("arm", injection["arm"], arm.rawValue)
                try db.execute(sql: "UPDATE injection SET arm = ? WHERE id = ?", arguments: [arm.rawValue, injectionID.uuidString])
            case .lot(let lotNumber):
                guard let lot = try Row.fetchOne(
                    db, sql: "SELECT id, product_code FROM vaccine_lot WHERE session_id = ? AND lot_number = ?",
                    arguments: [sessionID, lotNumber])
                else { throw VisitError.lotNotInSession }
                (field, old, new) = ("lot", injection["lot_number"], lotNumber)
                try db.execute(sql: "UPDATE injection SET lot_id = ?, product_code = ? WHERE id = ?",
                               arguments: [lot["id"], lot["product_code"], injectionID.uuidString])
            }
            let id = try Self.insertAmendment(sessionID: sessionID, record: RecordRef(.injection, injectionID), field: field,
                                              old: old, new: new, reason: reason, by: staffID, at: date, in: db)
            return (RecordRef(.amendment, id), id)
        }
    }

    /// What of a screening a site lead may correct afterwards: an item's answer (the outcome the
    /// checklist gives follows), or the outcome recorded.
    public enum ScreeningCorrection: Hashable, Sendable {
        case answer(item: String, yes: Bool)
        case outcome(ScreeningOutcome)
    }

    /// Corrects a screening: an amendment row keeps what it was; audited and queued. An outcome that
    /// contradicts what happened is refused: one that sends the person on to a dose when none was given,
    /// or one that stops them when a dose was (void the dose first).
    @discardableResult
    public func amendScreening(
        _ screeningID: UUID, _ correction: ScreeningCorrection, checklist: Checklist, reason: String, by staffID: UUID, at date: Date
    ) throws -> UUID {
        let reason = try Self.requiredReason(reason)
        return try commitEvent(.amendment, by: staffID, at: date) { db in
            guard let row = try Row.fetchOne(
                db, sql: """
                    SELECT s.answered, s.answers, s.outcome, s.voided, v.session_id, v.id AS visit_id,
                        EXISTS (SELECT 1 FROM injection i WHERE i.visit_id = s.visit_id AND i.voided IS NULL) AS dosed
                    FROM screening s JOIN visit v ON v.id = s.visit_id WHERE s.id = ?
                    """,
                arguments: [screeningID.text])
            else { throw VisitError.notFound(.visit) }
            guard (row["voided"] as String?) == nil else { throw VisitError.alreadyVoided }
            let (field, old, new): (String, String?, String)
            switch correction {
            case .answer(let item, let yes):
                guard checklist.items.contains(where: { $0.id == item }) else { throw VisitError.screeningUnanswered(items: [item]) }
                // Screenings before every answer was kept know only their "Có" items.
                let yesItems = try JSONDecoder().decode([String].self, from: Data((row["answers"] as String).utf8))
                var answers = try (row["answered"] as String?).map {
                    ScreeningAnswers(try JSONDecoder().decode([String: Bool].self, from: Data($0.utf8)))
                } ?? checklist.answers(yes: Set(yesItems))
                let before = answers[item]
                answers.answer(item, yes: yes, in: checklist)
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                let computed = checklist.assess(yes: Set(answers.yesItems), product: nil).outcome
                try db.execute(
                    sql: "UPDATE screening SET answered = ?, answers = ?, computed_outcome = ? WHERE id = ?",
                    arguments: [String(data: try encoder.encode(answers.byItem), encoding: .utf8),
                                String(data: try JSONEncoder().encode(answers.yesItems), encoding: .utf8),
                                computed.rawValue, screeningID.text])
                (field, old, new) = ("answer.\(item)", before.map { $0 ? "yes" : "no" }, yes ? "yes" : "no")
            case .outcome(let outcome):
                let dosed: Bool = row["dosed"]
                guard outcome.proceedsToInjection == dosed else {
                    throw dosed ? VisitError.voidInjectionFirst : VisitError.notFound(.injection)
                }
                try db.execute(sql: "UPDATE screening SET outcome = ? WHERE id = ?", arguments: [outcome.rawValue, screeningID.text])
                // A visit that ended at screening ends as the outcome now says (the counts of the day read it).
                if !outcome.proceedsToInjection {
                    try db.execute(sql: "UPDATE visit SET stage = ? WHERE id = ?",
                                   arguments: [VisitStage(after: outcome).rawValue, row["visit_id"] as String])
                }
                (field, old, new) = ("outcome", row["outcome"], outcome.rawValue)
            }
            let id = try Self.insertAmendment(sessionID: row["session_id"], record: RecordRef(.screening, screeningID), field: field,
                                              old: old, new: new, reason: reason, by: staffID, at: date, in: db)
            return (RecordRef(.amendment, id), id)
        }
    }

    /// What of an adverse event may be corrected or completed afterwards (WHO asks for its outcome to be
    /// followed up).
    public enum AdverseEventCorrection: Hashable, Sendable {
        case signs(String)
        case severity(AdverseEvent.Severity)
        case anaphylaxisGrade(Int?)
        case actions(String)
        case referral(String)
        case outcome(AdverseEvent.Outcome)
    }

    /// Corrects an adverse event: an amendment row keeps what it was; audited and queued, so that the
    /// centre's AdverseEvent follows.
    @discardableResult
    public func amendAdverseEvent(
        _ eventID: UUID, _ correction: AdverseEventCorrection, reason: String, by staffID: UUID, at date: Date
    ) throws -> UUID {
        let reason = try Self.requiredReason(reason)
        return try commitEvent(.amendment, by: staffID, at: date) { db in
            guard let row = try Row.fetchOne(
                db, sql: """
                    SELECT a.signs, a.severity, a.anaphylaxis_grade, a.actions, a.referral, a.outcome, v.session_id
                    FROM aefi a JOIN visit v ON v.id = a.visit_id WHERE a.id = ?
                    """,
                arguments: [eventID.text])
            else { throw VisitError.notFound(.observation) }
            let (column, value): (String, String?)
            switch correction {
            case .signs(let text): (column, value) = ("signs", text.trimmed)
            case .severity(let severity): (column, value) = ("severity", severity.rawValue)
            case .anaphylaxisGrade(let grade):
                if let grade, !(1...4).contains(grade) { throw VisitError.anaphylaxisGradeOutOfRange }
                (column, value) = ("anaphylaxis_grade", grade.map(String.init))
            case .actions(let text): (column, value) = ("actions", text.trimmed)
            case .referral(let text): (column, value) = ("referral", text.trimmed)
            case .outcome(let outcome): (column, value) = ("outcome", outcome.rawValue)
            }
            let stored: DatabaseValue = row[column]
            let old: String? = switch stored.storage {
            case .int64(let number): String(number)
            case .string(let text): text
            default: nil
            }
            // A grade is a number in its column; the rest are text.
            let written: DatabaseValueConvertible? = column == "anaphylaxis_grade" ? value.flatMap { Int($0) } : value
            if column == "outcome" {
                try db.execute(sql: "UPDATE aefi SET outcome = ?, outcome_at = ? WHERE id = ?", arguments: [written, date, eventID.text])
            } else {
                try db.execute(sql: "UPDATE aefi SET \(column) = ? WHERE id = ?", arguments: [written, eventID.text])
            }
            let id = try Self.insertAmendment(
                sessionID: row["session_id"], record: RecordRef(.aefi, eventID), field: column, old: old, new: value ?? "",
                reason: reason, by: staffID, at: date, in: db)
            return (RecordRef(.amendment, id), id)
        }
    }

    /// The reason a correction, an amendment, a void or a merge is kept with: trimmed, and never empty.
    static func requiredReason(_ reason: String) throws -> String {
        let reason = reason.trimmed
        guard !reason.isEmpty else { throw VisitError.amendmentReasonRequired }
        return reason
    }

    /// The row that keeps what a record was, what it became, why and by whom.
    static func insertAmendment(
        sessionID: String, record: RecordRef, field: String, old: String?, new: String, reason: String, by staffID: UUID,
        at date: Date, in db: Database
    ) throws -> UUID {
        let id = UUID.timeOrdered()
        try db.execute(
            sql: """
                INSERT INTO amendment (id, session_id, record_type, record_id, field, old_value, new_value, reason,
                    amended_by, amended_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id.uuidString, sessionID, record.type.rawValue, record.id.uuidString, field, old, new, reason,
                        staffID.uuidString, date])
        return id
    }
}
