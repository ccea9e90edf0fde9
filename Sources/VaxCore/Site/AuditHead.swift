import Foundation

/// The newest row of a site's audit chain: its number and its hash, which covers every row before it.
/// Each push carries it (`VaxDesk-Audit-Head: 1234 <hash>`) and the centre keeps every head it saw, so
/// that a site's trail rewritten from its database file (triggers dropped, rows changed or removed,
/// hashes recomputed) no longer matches what the centre saw.
public struct AuditHead: Hashable, Sendable {
    public static let headerName = "VaxDesk-Audit-Head"

    public var seq: Int64
    /// SHA-256, 64 lower-case hex digits.
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// From the header's text; nil when it is not a row number and a hash.
    public init?(header: String) {
        let parts = header.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, parts[1].count == 64,
              parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return nil }
        self.init(seq: seq, hash: String(parts[1]))
    }

    public var header: String { "\(seq) \(hash)" }
}

/// A head as the centre saw it, and when.
public struct SeenAuditHead: Hashable, Sendable, Codable {
    public var seq: Int64
    public var hash: String
    public var seenAt: Date

    public init(seq: Int64, hash: String, seenAt: Date) {
        self.seq = seq
        self.hash = hash
        self.seenAt = seenAt
    }

    /// The centre's answer to `GET /audit-heads`: the site's heads, oldest row first.
    public struct List: Codable, Sendable {
        public var site: String
        public var heads: [SeenAuditHead]

        public init(site: String, heads: [SeenAuditHead]) {
            self.site = site
            self.heads = heads
        }
    }
}
