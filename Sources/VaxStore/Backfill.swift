import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// What a backfill did: doses added, doses already on record, and the rows refused with why.
    public struct BackfillResult: Sendable {
        public var added = 0
        public var alreadyRecorded = 0
        public var refused: [(line: Int, problem: RosterProblem)] = []
    }

    /// Records doses given but never recorded, each marked as backfilled with its source, with an
    /// outbox row (so it is synced like any other) and an audit row, all in one transaction. A dose
    /// already on record (same person, number, product and day) is not added again.
    public func backfill(
        _ doses: [(line: Int, dose: BackfillDose)], source: String, by staffID: UUID, at date: Date
    ) throws -> BackfillResult {
        try write { db in
            try Self.requirePermission(.recordPaperDose, by: staffID, in: db)
            var result = BackfillResult()
            let stamp = Self.stamp(date)
            for (line, entry) in doses {
                let people = try Self.people(matching: entry, in: db)
                guard people.count == 1 else {
                    let reason: RosterProblem.Reason = people.isEmpty ? .personNotFound : .personAmbiguous
                    let who = entry.identityNumber ?? [entry.fullName ?? "", entry.birthDate?.description ?? ""].joined(separator: " ")
                    result.refused.append((line, RosterProblem(column: "", value: who, reason: reason)))
                    continue
                }
                let added = try Self.recordBackfill(
                    entry.dose, personID: people[0], lotNumber: entry.lotNumber, place: entry.place, source: source,
                    by: staffID, stamp: stamp, at: date, in: db)
                if added { result.added += 1 } else { result.alreadyRecorded += 1 }
            }
            return result
        }
    }

    /// Records one dose from a paper record for a person the desk has in front of it, from the check-in
    /// screen. Returns false when the same dose was already on record (nothing is added).
    @discardableResult
    public func backfillDose(
        _ entry: BackfillDose, personID: UUID, source: String, by staffID: UUID, at date: Date
    ) throws -> Bool {
        try write { db in
            try Self.requirePermission(.recordPaperDose, by: staffID, in: db)
            return try Self.recordBackfill(
                entry.dose, personID: personID.uuidString, lotNumber: entry.lotNumber, place: entry.place,
                source: source, by: staffID,
                stamp: Self.stamp(date), at: date, in: db)
        }
    }

    /// The prior dose, its outbox row and its audit row; false when the dose is already on record.
    private static func recordBackfill(
        _ dose: PriorDose, personID: String, lotNumber: String?, place: String?, source: String, by staffID: UUID?,
        stamp: String, at date: Date, in db: Database
    ) throws -> Bool {
        let known = try Bool.fetchOne(
            db.cachedStatement(sql: """
                SELECT 1 FROM prior_dose WHERE person_id = ? AND dose_number = ? AND product_code = ? AND given_on = ?
                    AND voided IS NULL
                """),
            arguments: [personID, dose.doseNumber, dose.productCode, dose.givenOn]) ?? false
        if known { return false }
        let id = UUID.timeOrdered()
        try db.cachedStatement(sql: """
            INSERT INTO prior_dose (id, person_id, dose_number, product_code, given_on, lot_number, place,
                source, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                id.uuidString, personID, dose.doseNumber, dose.productCode, dose.givenOn, lotNumber, place,
                "backfill: " + source, stamp,
            ])
        let record = RecordRef(.priorDose, id)
        try Outbox.append(record, event: .backfill, at: date, in: db)
        try AuditLog.append(.clinical(.backfill), staffID: staffID, record: record, detail: source, at: date, in: db)
        return true
    }

    /// The ids of the people a backfill row names: by identity number, else by folded name and birth date.
    private static func people(matching entry: BackfillDose, in db: Database) throws -> [String] {
        if let number = entry.identityNumber {
            return try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM person WHERE identity_number = ?"), arguments: [number])
        }
        guard let name = entry.fullName, let birth = entry.birthDate else { return [] }
        return try String.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM person WHERE folded_name = ? AND birth_date = ?"),
            arguments: [NameFolding.fold(name), birth.stored])
    }
}
