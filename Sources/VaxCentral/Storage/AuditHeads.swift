import Foundation
import VaxCore

/// A row of a site's audit chain seen by the centre with more than one hash.
public struct AuditContradiction: Sendable, Hashable {
    public var site: String
    public var seq: Int64
    public var hashes: Int
    public var firstSeen: Date
    public var lastSeen: Date
}

/// What the centre holds of one site's audit chain.
public struct AuditHeadSummary: Sendable, Hashable {
    public var site: String
    public var heads: Int
    public var newest: Int64?
    public var newestSeen: Date?
}

extension CentralStorage {
    /// Keeps a head that `siteID` sent (each row number and hash once, with when it was first seen).
    /// Answers whether it contradicts one seen before: the same row with another hash.
    func recordAuditHead(_ head: AuditHead, siteID: String, at date: Date) async throws -> Bool {
        let earlier = try await rows(CentralQuery(
            "SELECT hash FROM audit_head WHERE site_id = ? AND seq = ?", [.text(siteID), .int(Int(head.seq))]))
        guard !earlier.contains(where: { $0[0].text == head.hash }) else { return false }
        try await execute(CentralQuery(
            "INSERT INTO audit_head (site_id, seq, hash, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [.text(siteID), .int(Int(head.seq)), .text(head.hash), SQLValue(date)]))
        return !earlier.isEmpty
    }

    /// Every head of one site, oldest row first.
    public func auditHeads(siteID: String) async throws -> [SeenAuditHead] {
        try await rows(CentralQuery(
            "SELECT seq, hash, seen_at FROM audit_head WHERE site_id = ? ORDER BY seq, seen_at", [.text(siteID)])).map {
            SeenAuditHead(seq: Int64($0[0].int ?? 0), hash: $0[1].text ?? "", seenAt: $0[2].date ?? .distantPast)
        }
    }

    /// Per site, how many heads and the newest.
    public func auditHeadSummaries() async throws -> [AuditHeadSummary] {
        try await rows(CentralQuery("""
            SELECT s.name, COUNT(h.seq), MAX(h.seq), MAX(h.seen_at)
            FROM site s LEFT JOIN audit_head h ON h.site_id = s.id GROUP BY s.name ORDER BY s.name
            """)).map {
            AuditHeadSummary(site: $0[0].text ?? "", heads: $0[1].int ?? 0, newest: $0[2].int.map(Int64.init), newestSeen: $0[3].date)
        }
    }

    /// The rows seen with more than one hash, per site, oldest row first.
    public func auditContradictions() async throws -> [AuditContradiction] {
        try await rows(CentralQuery("""
            SELECT s.name, h.seq, COUNT(*), MIN(h.seen_at), MAX(h.seen_at)
            FROM audit_head h JOIN site s ON s.id = h.site_id
            GROUP BY s.name, h.seq HAVING COUNT(*) > 1 ORDER BY s.name, h.seq
            """)).map {
            AuditContradiction(site: $0[0].text ?? "", seq: Int64($0[1].int ?? 0), hashes: $0[2].int ?? 0,
                               firstSeen: $0[3].date ?? .distantPast, lastSeen: $0[4].date ?? .distantPast)
        }
    }
}
