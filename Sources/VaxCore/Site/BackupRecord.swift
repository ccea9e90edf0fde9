import Foundation

/// A verified backup of the site database: when it was taken, where it went, and what it holds.
public struct BackupRecord: Hashable, Sendable, Codable {
    public var takenAt: Date
    public var path: String
    public var bytes: Int64
    /// The audit trail's rows in the copy (its chain checked whole).
    public var auditRows: Int
    public var people: Int
    /// Injections and doses from paper records.
    public var doses: Int
    /// Records in the copy still waiting for the centre (they are sent again after a restore).
    public var pending: Int

    public init(takenAt: Date, path: String, bytes: Int64, auditRows: Int, people: Int, doses: Int, pending: Int) {
        self.takenAt = takenAt
        self.path = path
        self.bytes = bytes
        self.auditRows = auditRows
        self.people = people
        self.doses = doses
        self.pending = pending
    }
}
