import Foundation

/// One row of the site's audit trail: who did what, when, to which record.
public struct AuditEntry: Hashable, Sendable {
    public let seq: Int64
    public let at: Date
    public let staffID: UUID?
    public let staffCode: String?
    public let staffName: String?
    /// A clinical event (`check-in`, `injection`…) or another act (`sign-in`, `pin-reset`, `staff-import`…).
    public let action: String
    public let recordType: String?
    public let recordID: UUID?
    public let detail: String?
    /// Whom the record is about, when it is about a person.
    public let personName: String?

    public init(
        seq: Int64, at: Date, staffID: UUID?, staffCode: String?, staffName: String?, action: String,
        recordType: String?, recordID: UUID?, detail: String?, personName: String? = nil
    ) {
        self.personName = personName
        self.seq = seq
        self.at = at
        self.staffID = staffID
        self.staffCode = staffCode
        self.staffName = staffName
        self.action = action
        self.recordType = recordType
        self.recordID = recordID
        self.detail = detail
    }
}
