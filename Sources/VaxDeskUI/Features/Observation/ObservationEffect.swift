import Foundation
import VaxCore

/// What the observation desk asks for: its board, discharge, the certificate, adverse events.
public enum ObservationEffect: DeskEffect {
    case queue(QueueEffect)
    case discharge(visitID: UUID, earlyReason: String?, adverseEvent: AdverseEventDischarge?, by: UUID)
    /// The certificate of a visit just discharged, signed (which records it) when the site can sign.
    case loadCertificate(visitID: UUID, by: UUID)
    case printCertificate(Certificate, by: UUID)
    case recordAdverseEvent(AdverseEvent, by: UUID)

    public enum Answer: Sendable {
        case queue(QueueEffect.Answer)
        case discharged
        case certificateLoaded(Certificate)
        case certificatePrinted(ObservationClient.PrintOutcome)
        case adverseEventRecorded(serious: Bool)
    }

    public var isWrite: Bool {
        switch self {
        case .queue(let effect): effect.isWrite
        case .discharge, .printCertificate, .recordAdverseEvent, .loadCertificate: true
        }
    }

    public func perform(on client: DeskClient) throws -> Answer {
        let desk = client.observation
        switch self {
        case .queue(let effect): return .queue(try effect.perform(on: client))
        case .discharge(let visitID, let reason, let resolution, let by):
            try desk.discharge(visitID, reason, resolution, by)
            return .discharged
        case .loadCertificate(let visitID, let by): return .certificateLoaded(try desk.certificate(visitID, by))
        case .printCertificate(let certificate, let by): return .certificatePrinted(try desk.printCertificate(certificate, by))
        case .recordAdverseEvent(let event, let by):
            try desk.recordAdverseEvent(event, by)
            return .adverseEventRecorded(serious: event.severity == .serious)
        }
    }
}
