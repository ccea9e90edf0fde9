import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Opens a vial of a lot of the open session: its doses per vial and discard time from the catalog.
    public func openVial(lotID: UUID, catalog: VaccineCatalog, by staffID: UUID, at date: Date) throws -> Vial {
        try commitEvent(.vialOpened, by: staffID, at: date) { db in
            let lot = try Self.sessionLot(lotID, at: date, in: db)
            let productCode: String = lot["product_code"]
            guard let product = catalog.product(productCode) else { throw VisitError.notFound(.product) }
            let vial = Vial(
                lotID: lotID, productCode: productCode, lotNumber: lot["lot_number"], dosesPerVial: product.dosesPerVial,
                openedAt: date, discardDue: Vial.discardDue(openedAt: date, product: product))
            try db.execute(
                sql: """
                    INSERT INTO vial (id, lot_id, doses_per_vial, opened_at, opened_by, discard_due)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [vial.id.uuidString, lotID.uuidString, vial.dosesPerVial, date, staffID.uuidString,
                            vial.discardDue])
            return (RecordRef(.vial, vial.id), vial)
        }
    }

    /// Discards an open vial: the doses left are wasted, with the reason (required when any are left).
    /// Returns the doses wasted.
    @discardableResult
    public func discardVial(_ vialID: UUID, reason: String, by staffID: UUID, at date: Date) throws -> Int {
        try commitEvent(.vialDiscarded, by: staffID, at: date) { db in
            guard let vial = try Self.vial(vialID, in: db), vial.closedAt == nil else { throw VisitError.vialNotUsable }
            let reason = reason.trimmed
            if vial.dosesLeft > 0 && reason.isEmpty { throw VisitError.discardReasonRequired }
            try Self.close(vial, reason: reason, at: date, in: db)
            return (RecordRef(.vial, vialID), vial.dosesLeft)
        }
    }

    /// The vials of the open session, open ones first, each with the doses drawn from it.
    public func sessionVials() throws -> [Vial] {
        try read { db in
            guard let session = try Self.openSession(db) else { return [] }
            return try Row.fetchAll(
                db, sql: "\(Self.vialQuery) WHERE l.session_id = ? ORDER BY v.discarded_at IS NOT NULL, v.opened_at",
                arguments: [session.id.uuidString]
            ).map { try Vial(row: $0) }
        }
    }

    static let vialQuery = """
        SELECT v.*, l.product_code, l.lot_number,
            (SELECT COUNT(*) FROM injection i WHERE i.vial_id = v.id AND i.voided IS NOT 'returned') AS doses_drawn
        FROM vial v JOIN vaccine_lot l ON l.id = v.lot_id
        """

    static func vial(_ id: UUID, in db: Database) throws -> Vial? {
        try Row.fetchOne(db, sql: "\(vialQuery) WHERE v.id = ?", arguments: [id.uuidString]).map { try Vial(row: $0) }
    }

    /// Finishes a vial: `empty` when every dose was drawn, else discarded with its doses left wasted.
    static func close(_ vial: Vial, reason: String, at date: Date, in db: Database) throws {
        try db.execute(
            sql: "UPDATE vial SET discarded_at = ?, discard_reason = ?, doses_wasted = ? WHERE id = ?",
            arguments: [date, reason, vial.dosesLeft, vial.id.uuidString])
    }

    /// A lot of the open session that may be used on `date`'s day.
    static func sessionLot(_ lotID: UUID, at date: Date, in db: Database) throws -> Row {
        guard let session = try openSession(db) else { throw VisitError.noOpenSession }
        guard let lot = try Row.fetchOne(db, sql: "SELECT * FROM vaccine_lot WHERE id = ?", arguments: [lotID.uuidString])
        else { throw VisitError.notFound(.lot) }
        guard lot["session_id"] == session.id.uuidString else { throw VisitError.lotNotInSession }
        let expiry = try lot.localDate("expiry")
        guard expiry >= (try siteDay(date, in: db)) else { throw VisitError.lotExpired(expiry: expiry.stored) }
        return lot
    }
}

extension Vial {
    init(row: Row) throws {
        self.init(
            id: try row.uuid("id"), lotID: try row.uuid("lot_id"), productCode: row["product_code"], lotNumber: row["lot_number"],
            dosesPerVial: row["doses_per_vial"], openedAt: row["opened_at"], discardDue: row["discard_due"],
            dosesDrawn: row["doses_drawn"], closedAt: row["discarded_at"], discardReason: row["discard_reason"],
            dosesWasted: row["doses_wasted"])
    }
}
