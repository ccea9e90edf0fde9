import Foundation
import VaxCore

/// What the desk itself asks for, whatever screen is on top: the session, the sync state, the alerts.
public enum AppEffect: DeskEffect {
    case loadSession
    case loadSyncStatus
    case loadAlerts
    /// The site lead has read a serious adverse event's alert.
    case acknowledgeAlert(UUID, by: UUID)

    public enum Answer: Sendable {
        case sessionLoaded(VaccinationSession?, lots: [VaccineLot])
        /// The records waiting for the centre and how the last push went.
        case syncStatusLoaded(SyncStatus)
        /// Serious adverse events no site lead has acknowledged yet.
        case alertsLoaded([AdverseEvent])
    }

    public var isWrite: Bool {
        switch self {
        case .acknowledgeAlert: true
        case .loadSession, .loadSyncStatus, .loadAlerts: false
        }
    }

    public func perform(on client: DeskClient) throws -> Answer {
        switch self {
        case .loadSession:
            let (session, lots) = try client.openSession()
            return .sessionLoaded(session, lots: lots)
        case .loadSyncStatus: return .syncStatusLoaded(try client.syncStatus())
        case .loadAlerts: return .alertsLoaded(try client.alerts())
        case .acknowledgeAlert(let id, let by):
            try client.acknowledgeAlert(id, by)
            return .alertsLoaded(try client.alerts())
        }
    }
}

public typealias AppAnswer = AppEffect.Answer
