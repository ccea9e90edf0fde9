import Foundation

/// An officer's browser signed in to the dashboard: a random cookie, of which the centre keeps only
/// the hash, good for a working day. Revoking the officer's token ends it too.
extension CentralStorage {
    static var dashboardSessionLength: TimeInterval { 8 * 3600 }

    /// Signs the officer of `token` in; the cookie's value, or nil for a token that is not an
    /// officer's (a site's token does not open the dashboard).
    public func openDashboardSession(token: String, at date: Date = Date()) async throws -> String? {
        guard case .officer(let officer)? = try await principal(forToken: token) else { return nil }
        let secret = Tokens.secret()
        try await execute(CentralQuery("DELETE FROM dashboard_session WHERE expires_at < ?", [SQLValue(date)]))
        try await execute(CentralQuery(
            "INSERT INTO dashboard_session (token_hash, officer_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
            [.text(Tokens.hash(secret)), .text(officer.id), SQLValue(date), SQLValue(date + Self.dashboardSessionLength)]))
        return secret
    }

    /// The officer a dashboard cookie stands for, while it has not expired and the officer's token
    /// stands.
    public func dashboardPrincipal(cookie: String, at date: Date = Date()) async throws -> Principal? {
        let row = try await rows(CentralQuery("""
            SELECT o.id, o.name, o.level, o.area FROM dashboard_session d JOIN officer o ON o.id = d.officer_id
            WHERE d.token_hash = ? AND d.expires_at > ? AND o.revoked_at IS NULL
            """, [.text(Tokens.hash(cookie)), SQLValue(date)])).first
        guard let row, let id = row[0].text, let area = Area(level: row[2].text ?? "", code: row[3].text) else { return nil }
        return .officer(Officer(id: id, name: row[1].text ?? "", area: area))
    }

    public func closeDashboardSession(cookie: String) async throws {
        try await execute(CentralQuery("DELETE FROM dashboard_session WHERE token_hash = ?", [.text(Tokens.hash(cookie))]))
    }

    /// The sites of `unit` that `principal` reads, with when each last sent records and how many it
    /// said were still waiting: the longest silent first.
    public func siteSync(of unit: ReportUnit, for principal: Principal) async throws -> [SiteSync] {
        let sites = Visibility.sites(principal)
        let area = unit.condition
        return try await rows(CentralQuery("""
            SELECT s.name, COALESCE(s.commune, ''), s.last_push_at, s.waiting, (SELECT MAX(r.day) FROM resource r
                WHERE r.type = 'Immunization' AND r.site_id = s.id)
            FROM site s WHERE s.id IN \(sites.sql) AND \(area.sql)
            ORDER BY CASE WHEN s.last_push_at IS NULL THEN 0 ELSE 1 END, s.last_push_at, s.name
            """, sites.values + area.values)).map {
            SiteSync(name: $0[0].text ?? "", commune: $0[1].text ?? "", lastPush: $0[2].date, waiting: $0[3].int, lastDoseDay: $0[4].text)
        }
    }
}

/// A site as the table of who is behind shows it.
public struct SiteSync: Hashable, Sendable {
    public var name: String
    public var commune: String
    public var lastPush: Date?
    public var waiting: Int?
    public var lastDoseDay: String?
}
