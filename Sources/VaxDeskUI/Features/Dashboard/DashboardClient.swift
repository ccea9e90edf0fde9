import Foundation
import VaxCore

/// The site lead's board, sessions, staff and audit trail.
public struct DashboardClient: Sendable {
    /// The board of the open session (nil: none is open).
    public var dashboard: @Sendable (_ by: UUID) throws -> Dashboard?
    public var startSession: @Sendable (_ plan: SessionPlan, _ by: UUID) throws -> Void
    /// Records everyone still waiting as leaving without a dose; returns how many.
    public var recordLeftWithoutDose: @Sendable (_ reason: String, _ by: UUID) throws -> Int
    public var closeSession: @Sendable (_ by: UUID) throws -> Void
    public var sessions: @Sendable () throws -> [VaccinationSession]
    public var report: @Sendable (_ sessionID: UUID) throws -> SessionReport
    /// Adds a staff member; returns their first PIN, to tell them once.
    public var addStaff: @Sendable (_ member: Staff, _ by: UUID) throws -> String?
    /// Gives the staff member of `code` a new random PIN and returns it.
    public var resetPIN: @Sendable (_ code: String, _ by: UUID) throws -> String
    /// The audit trail, newest first, before row `before` when paging on.
    public var auditTrail: @Sendable (_ before: Int64?, _ by: UUID) throws -> [AuditEntry]
    /// Voids a record entered in error.
    public var voidRecord: @Sendable (_ record: VoidedRecord, _ reason: String, _ by: UUID) throws -> Void
        = DeskClient.unset("dashboard.voidRecord")

    static let unimplemented = DashboardClient(
        dashboard: DeskClient.unset("dashboard.dashboard"), startSession: DeskClient.unset("dashboard.startSession"),
        recordLeftWithoutDose: DeskClient.unset("dashboard.recordLeftWithoutDose"),
        closeSession: DeskClient.unset("dashboard.closeSession"), sessions: DeskClient.unset("dashboard.sessions"),
        report: DeskClient.unset("dashboard.report"), addStaff: DeskClient.unset("dashboard.addStaff"),
        resetPIN: DeskClient.unset("dashboard.resetPIN"), auditTrail: DeskClient.unset("dashboard.auditTrail"))
}
