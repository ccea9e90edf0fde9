import Foundation
import GRDB

/// Checks that what the store promised holds: every confirmed record is on disk with its outbox row.
/// Crash tests use these after killing writers; a site can run them after a power cut.
extension AppDatabase {
    /// The table and completion condition of the record each event confirms.
    private static func recordQuery(for event: ClinicalEvent) -> String? {
        switch event {
        case .registration, .personUpdated, .personCorrected:
            "SELECT 1 FROM person WHERE id = ?"
        case .personMerged: "SELECT 1 FROM person WHERE id = ? AND merged_into IS NOT NULL"
        case .checkIn: "SELECT 1 FROM visit WHERE id = ?"
        case .screening: "SELECT 1 FROM screening WHERE id = ?"
        case .injection: "SELECT 1 FROM injection WHERE id = ?"
        case .discharge: "SELECT 1 FROM observation WHERE id = ? AND discharged_at IS NOT NULL"
        case .sessionOpened: "SELECT 1 FROM session WHERE id = ?"
        case .aefi: "SELECT 1 FROM aefi WHERE id = ?"
        case .vialOpened, .vialDiscarded: "SELECT 1 FROM vial WHERE id = ?"
        case .sessionClosed: "SELECT 1 FROM session WHERE id = ? AND status = 'closed'"
        case .backfill: "SELECT 1 FROM prior_dose WHERE id = ?"
        case .amendment: "SELECT 1 FROM amendment WHERE id = ?"
        case .voided: "SELECT 1 FROM void_record WHERE record_id = ?"
        case .certificateIssued: "SELECT 1 FROM issued_certificate WHERE id = ?"
        case .certificateRevoked: "SELECT 1 FROM issued_certificate WHERE id = ? AND revoked_at IS NOT NULL"
        }
    }

    /// Whether the record an event confirmed is stored, and whether its outbox row is there.
    public func isStored(_ recordID: UUID, event: ClinicalEvent) throws -> (record: Bool, outbox: Bool) {
        try read { db in
            let record = try Self.recordQuery(for: event).map {
                try Bool.fetchOne(db, sql: $0, arguments: [recordID.uuidString]) ?? false
            } ?? false
            let outbox = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM outbox WHERE record_id = ? AND event = ?",
                arguments: [recordID.uuidString, event.rawValue]) ?? false
            return (record, outbox)
        }
    }

    /// How many clinical records have no outbox row: always 0 unless a write was torn.
    public func recordsMissingFromOutbox() throws -> Int {
        try read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT
                      (SELECT COUNT(*) FROM visit WHERE id NOT IN (SELECT record_id FROM outbox WHERE event = 'check-in'))
                    + (SELECT COUNT(*) FROM screening WHERE id NOT IN (SELECT record_id FROM outbox WHERE event = 'screening'))
                    + (SELECT COUNT(*) FROM injection WHERE id NOT IN (SELECT record_id FROM outbox WHERE event = 'injection'))
                    + (SELECT COUNT(*) FROM observation WHERE discharged_at IS NOT NULL
                         AND id NOT IN (SELECT record_id FROM outbox WHERE event = 'discharge'))
                    """) ?? 0
        }
    }
}
