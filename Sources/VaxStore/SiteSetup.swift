import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// The site this database belongs to, or nil before it is set up.
    public func site() throws -> Site? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM site LIMIT 1").map { row in
                Site(
                    id: try row.uuid("id"), code: row["code"], name: row["name"],
                    provinceCode: row["province_code"], timeZoneIdentifier: row["time_zone"])
            }
        }
    }

    /// Sets up an empty database as a site: the site, its staff, and an open session with its team and
    /// lots, in one transaction. Returns false, changing nothing, when the database already has a site
    /// (two processes setting up one new file at once is harmless). `pins`: the staff's first PINs, by
    /// code (a member without one cannot sign in until the site lead sets it).
    @discardableResult
    public func createSite(
        _ site: Site, staff: [Staff], pins: [String: String] = [:], session: VaccinationSession, lots: [VaccineLot],
        openedBy: UUID?, demo: Bool = false, at date: Date
    ) throws -> Bool {
        guard pins.values.allSatisfy(PINPolicy.isWellFormed) else { throw VisitError.malformedPIN }
        // Hashing takes a tenth of a second a PIN: not for a site that is already there.
        guard try self.site() == nil else { return false }
        let hashes = try Self.hashPINs(pins, key: try keyForNewPIN())
        return try pool.writeWithoutTransaction { db in
            var created = false
            try db.inTransaction(.immediate) {
                guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM site") == 0 else { return .rollback }
                try db.execute(
                    sql: "INSERT INTO site (id, code, name, province_code, time_zone, demo) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [site.id.uuidString, site.code, site.name, site.provinceCode, site.timeZoneIdentifier, demo])
                for member in staff {
                    try Self.insertStaff(member, siteID: site.id.uuidString, pin: hashes[member.code], in: db)
                }
                try Self.insertSession(session, team: staff.map(\.id), lots: lots, by: openedBy, in: db)
                try Outbox.append(RecordRef(.session, session.id), event: .sessionOpened, at: date, in: db)
                try AuditLog.append(
                    .clinical(.sessionOpened), staffID: openedBy,
                    record: RecordRef(.session, session.id), detail: nil, at: date, in: db)
                created = true
                return .commit
            }
            return created
        }
    }

    /// Whether the site was made by `vaxdesk demo` (false for a real site, and for none).
    public func isDemoSite() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT demo FROM site LIMIT 1") } ?? false
    }

    /// The active staff of the site, in the order of the stations their roles work at, then by code.
    public func staff() throws -> [Staff] {
        let members = try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM staff WHERE active = 1 ORDER BY code").map(Staff.init(row:))
        }
        let order = Dictionary(uniqueKeysWithValues: Role.allCases.enumerated().map { ($1, $0) })
        return members.sorted { (order[$0.role] ?? 0, $0.code) < (order[$1.role] ?? 0, $1.code) }
    }

    /// Writes a session with its team and lots (the caller writes the event's outbox and audit rows).
    static func insertSession(
        _ session: VaccinationSession, team: [UUID], lots: [VaccineLot], by staffID: UUID?, in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO session (id, site_id, day, place, status, opened_at, opened_by)
                VALUES (?, ?, ?, ?, 'open', ?, ?)
                """,
            arguments: [
                session.id.uuidString, session.siteID.uuidString, session.day, session.place, session.openedAt,
                staffID?.uuidString,
            ])
        for member in team {
            try db.execute(
                sql: "INSERT INTO session_team (session_id, staff_id) VALUES (?, ?)",
                arguments: [session.id.uuidString, member.uuidString])
        }
        for lot in lots {
            try db.execute(
                sql: """
                    INSERT INTO vaccine_lot (id, session_id, product_code, lot_number, expiry, doses_received)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    lot.id.uuidString, session.id.uuidString, lot.productCode, lot.lotNumber, lot.expiry.stored,
                    lot.dosesReceived,
                ])
        }
    }

    /// The session now open at the site, if any (the latest opened), with its team.
    public func openSession() throws -> VaccinationSession? {
        try read { db in try Self.openSession(db, withTeam: true) }
    }

    /// The open session; its team only when asked (`withTeam`): the store's own steps, a search per
    /// keystroke among them, need only its id.
    static func openSession(_ db: Database, withTeam: Bool = false) throws -> VaccinationSession? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM session WHERE status = 'open' ORDER BY opened_at DESC LIMIT 1"
        ).map { row in
            let id: String = row["id"]
            let team = withTeam
                ? try String.fetchAll(db, sql: "SELECT staff_id FROM session_team WHERE session_id = ?", arguments: [id])
                : []
            return VaccinationSession(
                id: try row.uuid("id"), siteID: try row.uuid("site_id"), day: row["day"], place: row["place"],
                status: .open, openedAt: row["opened_at"], team: Set(team.compactMap(UUID.init(uuidString:))))
        }
    }

    /// The lots received for a session.
    public func lots(sessionID: UUID) throws -> [VaccineLot] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM vaccine_lot WHERE session_id = ? ORDER BY product_code, lot_number",
                arguments: [sessionID.uuidString]
            ).map { row in
                VaccineLot(
                    id: try row.uuid("id"), sessionID: try row.uuid("session_id"), productCode: row["product_code"],
                    lotNumber: row["lot_number"], expiry: try row.localDate("expiry"), dosesReceived: row["doses_received"])
            }
        }
    }
}
