import Foundation
import VaxCore

/// What the site lead's dashboard asks for.
public enum DashboardEffect: DeskEffect {
    case loadDashboard(by: UUID)
    case openSession(SessionPlan, by: UUID)
    /// Everyone still waiting goes home without a dose, for the site lead's reason (before the close).
    case recordLeftWithoutDose(reason: String, by: UUID)
    case closeSession(by: UUID)
    case loadSessions
    case loadReport(sessionID: UUID)
    case loadStaff
    case addStaff(Staff, by: UUID)
    /// The site lead gives a staff member a new random PIN.
    case resetPIN(code: String, by: UUID)
    /// The audit trail, newest first, before row `before` when paging on.
    case loadAuditTrail(before: Int64?, by: UUID)
    case voidRecord(VoidedRecord, reason: String, by: UUID)

    public enum Answer: Sendable {
        /// The board of the open session (nil: none is open).
        case dashboardLoaded(Dashboard?)
        case sessionOpened
        /// How many people still waiting were recorded as going home without a dose.
        case leftWithoutDoseRecorded(Int)
        case sessionClosed
        case sessionsLoaded([VaccinationSession])
        case reportLoaded(SessionReport)
        case staffLoaded([Staff])
        /// A staff member was added, with their first PIN to tell them once.
        case staffAdded(Staff, pin: String?)
        /// The new PIN, to tell the person once.
        case pinReset(code: String, pin: String)
        /// Rows of the audit trail, newest first (`appended`: older rows after those shown).
        case auditTrailLoaded([AuditEntry], appended: Bool)
        case recordVoided
    }

    public var isWrite: Bool {
        switch self {
        case .openSession, .recordLeftWithoutDose, .closeSession, .addStaff, .resetPIN, .voidRecord: true
        case .loadDashboard, .loadSessions, .loadReport, .loadStaff, .loadAuditTrail: false
        }
    }

    public func perform(on client: DeskClient) throws -> Answer {
        let lead = client.dashboard
        switch self {
        case .loadDashboard(let by): return .dashboardLoaded(try lead.dashboard(by))
        case .openSession(let plan, let by):
            try lead.startSession(plan, by)
            return .sessionOpened
        case .recordLeftWithoutDose(let reason, let by): return .leftWithoutDoseRecorded(try lead.recordLeftWithoutDose(reason, by))
        case .closeSession(let by):
            try lead.closeSession(by)
            return .sessionClosed
        case .loadSessions: return .sessionsLoaded(try lead.sessions())
        case .loadReport(let sessionID): return .reportLoaded(try lead.report(sessionID))
        case .loadStaff: return .staffLoaded(try client.signIn.staff())
        case .addStaff(let member, let by): return .staffAdded(member, pin: try lead.addStaff(member, by))
        case .resetPIN(let code, let by): return .pinReset(code: code, pin: try lead.resetPIN(code, by))
        case .loadAuditTrail(let before, let by): return .auditTrailLoaded(try lead.auditTrail(before, by), appended: before != nil)
        case .voidRecord(let record, let reason, let by):
            try lead.voidRecord(record, reason, by)
            return .recordVoided
        }
    }
}
