import Foundation

/// One read of personal data at the centre: who, what, when, how many records it answered.
public struct AccessLogEntry: Sendable, Hashable {
    public var seq: Int
    public var at: Date
    public var principal: String
    /// `search`, `read`, `lookup`, `report`.
    public var action: String
    public var resourceType: String?
    /// What was asked, as asked (an identifier looked up, a search's parameters).
    public var query: String?
    public var count: Int
}

extension CentralStorage {
    /// Records a read: every read of personal data at the centre is logged before it is answered.
    func logAccess(_ principal: Principal, _ action: String, type: String?, query: String?, count: Int, at date: Date = Date())
        async throws
    {
        try await execute(CentralQuery(
            "INSERT INTO access_log (at, principal, action, resource_type, query, count) VALUES (?, ?, ?, ?, ?, ?)",
            [SQLValue(date), .text(principal.logName), .text(action), SQLValue(type), SQLValue(query), .int(count)]))
    }

    /// The newest reads first, at most `limit`; only those of principals whose log name contains `who`
    /// when given.
    public func accessLog(limit: Int = 100, who: String? = nil) async throws -> [AccessLogEntry] {
        var sql = "SELECT seq, at, principal, action, resource_type, query, count FROM access_log"
        var values: [SQLValue] = []
        if let who {
            sql += " WHERE principal LIKE ?"
            values.append(.text("%\(who)%"))
        }
        sql += " ORDER BY seq DESC LIMIT \(max(1, limit))"
        return try await rows(CentralQuery(sql, values)).map {
            AccessLogEntry(seq: $0[0].int ?? 0, at: $0[1].date ?? .distantPast, principal: $0[2].text ?? "",
                           action: $0[3].text ?? "", resourceType: $0[4].text, query: $0[5].text, count: $0[6].int ?? 0)
        }
    }
}
