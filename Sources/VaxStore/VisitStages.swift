import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Moves a visit on, checking first that it is where this desk believes it is: another desk may
    /// have moved it in the meantime.
    static func advance(
        visitID: UUID, from expected: VisitStage, to next: VisitStage, at date: Date,
        caution: Bool? = nil, observationDue: Date? = nil, in db: Database
    ) throws {
        guard let raw = try String.fetchOne(
            db, sql: "SELECT stage FROM visit WHERE id = ?", arguments: [visitID.uuidString])
        else { throw VisitError.notFound(.visit) }
        let actual = VisitStage(rawValue: raw) ?? .discharged
        guard actual == expected else { throw VisitError.notAtStage(expected: expected, actual: actual) }
        try db.execute(
            sql: """
                UPDATE visit SET stage = ?, stage_since = ?, caution = COALESCE(?, caution),
                    observation_due = COALESCE(?, observation_due),
                    claimed_by = NULL, claim_holder = NULL, claimed_at = NULL
                WHERE id = ?
                """,
            arguments: [next.rawValue, date, caution, observationDue, visitID.uuidString])
    }

    /// The people at a station's stage in the open session, longest waiting first (soonest due, for
    /// observation).
    public func queue(at stage: VisitStage) throws -> [QueueEntry] {
        try read { db in
            guard let session = try Self.openSession(db) else { return [] }
            let order = stage == .inObservation ? "v.observation_due" : "v.stage_since"
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Person.columns("p")), v.id AS visit_id, v.ticket, v.stage, v.stage_since,
                        v.dose_number, v.caution, v.observation_due, v.allowed_products,
                        v.claim_holder, v.claimed_at, c.code AS claimer_code,
                        \(Self.worstSeveritySQL(ofVisit: "v.id")) AS aefi_level,
                        \(Self.unresolvedSeriousSQL(ofVisit: "v.id")) AS aefi_unresolved
                    FROM visit v JOIN person p ON p.id = v.person_id LEFT JOIN staff c ON c.id = v.claimed_by
                    WHERE v.session_id = ? AND v.stage = ?
                    ORDER BY \(order), v.ticket
                    """,
                arguments: [session.id.uuidString, stage.rawValue]
            ).map { row in
                QueueEntry(
                    visitID: try row.uuid("visit_id"), ticket: row["ticket"], person: try Person(row: row),
                    stage: VisitStage(rawValue: row["stage"]) ?? stage, doseNumber: row["dose_number"],
                    since: row["stage_since"], caution: row["caution"], observationDue: row["observation_due"],
                    allowedProducts: try ProductList.read(row["allowed_products"]), claimedBy: otherDeskClaim(row, at: Date()),
                    adverseEvent: Self.worstSeverity(row["aefi_level"]),
                    adverseEventUnresolved: row["aefi_unresolved"])
            }
        }
    }

    /// How many visits of the open session are at each stage.
    public func stageCounts() throws -> [VisitStage: Int] {
        try read { db in
            guard let session = try Self.openSession(db) else { return [:] }
            return try Self.stageCounts(sessionID: session.id.uuidString, in: db)
        }
    }

    static func stageCounts(sessionID: String, in db: Database) throws -> [VisitStage: Int] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT stage, COUNT(*) AS n FROM visit WHERE session_id = ? GROUP BY stage", arguments: [sessionID])
        var counts: [VisitStage: Int] = [:]
        for row in rows {
            if let stage = VisitStage(rawValue: row["stage"]) { counts[stage] = row["n"] }
        }
        return counts
    }
}
