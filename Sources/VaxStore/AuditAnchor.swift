import Foundation
import GRDB
import VaxCore

/// The audit chain held against what the centre saw. `verifyAudit` alone cannot find a trail that was
/// rewritten whole (triggers dropped, a row changed, every later hash computed again) or cut at its
/// end: the heads the centre kept can.
extension AppDatabase {
    /// The newest audit row's number and hash, sent with every push; nil before the first row.
    public func auditHead() throws -> AuditHead? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").map {
                AuditHead(seq: $0["seq"], hash: $0["hash"])
            }
        }
    }

    /// How this database's chain stands against the heads the centre saw.
    public enum CentralAuditComparison: Hashable, Sendable {
        /// Every head the centre saw is a row here with the same hash.
        case matches(heads: Int, newest: Int64?)
        /// The row `seq` the centre saw at `seenAt` has another hash here: a row after `since` (the
        /// newest head that still matches, nil when none does) up to `seq` was changed, removed or
        /// reordered, and the chain computed again.
        case changed(seq: Int64, seenAt: Date, since: Int64?)
        /// The centre saw row `seq` at `seenAt`; this database's chain ends at `newest`: the rows after
        /// it were removed.
        case removed(seq: Int64, seenAt: Date, newest: Int64)
    }

    /// Walks the chain once, in order, beside the centre's heads (any order, any number per row).
    public func compareAudit(with heads: [SeenAuditHead]) throws -> CentralAuditComparison {
        let sorted = heads.sorted { ($0.seq, $0.seenAt) < ($1.seq, $1.seenAt) }
        return try read { db in
            var since: Int64?
            var next = sorted.startIndex
            var newest: Int64 = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, hash FROM audit ORDER BY seq")
            while next < sorted.endIndex, let row = try rows.next() {
                let seq: Int64 = row["seq"], hash: String = row["hash"]
                newest = seq
                while next < sorted.endIndex, sorted[next].seq <= seq {
                    let head = sorted[next]
                    // A head for a row number this chain skips is a row that is gone.
                    guard head.seq == seq, head.hash == hash else {
                        return .changed(seq: head.seq, seenAt: head.seenAt, since: since)
                    }
                    since = seq
                    next += 1
                }
            }
            if next < sorted.endIndex {
                let newestRow = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit") ?? newest
                return .removed(seq: sorted[next].seq, seenAt: sorted[next].seenAt, newest: newestRow)
            }
            return .matches(heads: sorted.count, newest: sorted.last?.seq)
        }
    }

    /// When this database was last restored from a backup, and the audit row that says so: rows the
    /// centre saw after that backup was taken are expected to differ.
    public func lastRestore() throws -> (seq: Int64, at: String)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT seq, at FROM audit WHERE action = 'restore' ORDER BY seq DESC LIMIT 1")
                .map { ($0["seq"], $0["at"]) }
        }
    }
}
