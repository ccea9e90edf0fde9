import Foundation

/// Where a site's pull stands in the centre's order of changes: the writing transaction and the change
/// number of the last resource it received. Written `xid.seq`; `0.0` before the first pull.
public struct PullCursor: Sendable, Hashable, CustomStringConvertible {
    public var xid: Int
    public var seq: Int

    public static let start = PullCursor(xid: 0, seq: 0)

    public init(xid: Int, seq: Int) {
        self.xid = xid
        self.seq = seq
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ".").map { Int($0) }
        guard parts.count == 2, let xid = parts[0], let seq = parts[1], xid >= 0, seq >= 0 else { return nil }
        self.init(xid: xid, seq: seq)
    }

    public var description: String { "\(xid).\(seq)" }
}

/// One page of what changed in a site's catchment: each resource with the site that recorded it.
public struct PullPage: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        /// The name of the site that sent it.
        public var site: String
        public var resource: FHIRResource

        public init(site: String, resource: FHIRResource) {
            self.site = site
            self.resource = resource
        }
    }

    public var cursor: String
    /// More pages follow now.
    public var more: Bool
    public var entries: [Entry]

    public init(cursor: String, more: Bool, entries: [Entry]) {
        self.cursor = cursor
        self.more = more
        self.entries = entries
    }
}
