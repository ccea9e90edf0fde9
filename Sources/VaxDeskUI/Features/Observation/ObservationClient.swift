import Foundation
import VaxCore

/// The observation desk's records: discharge, the certificate, adverse events.
public struct ObservationClient: Sendable {
    public var discharge: @Sendable (_ visitID: UUID, _ earlyReason: String?, _ adverseEvent: AdverseEventDischarge?, _ by: UUID) throws -> Void
    public var certificate: @Sendable (_ visitID: UUID, _ by: UUID) throws -> Certificate
    public var printCertificate: @Sendable (_ certificate: Certificate, _ by: UUID) throws -> PrintOutcome
    public var recordAdverseEvent: @Sendable (_ event: AdverseEvent, _ by: UUID) throws -> Void

    /// How a certificate left the desk.
    public enum PrintOutcome: Sendable, Equatable {
        /// Saved to `path`, and sent to `printer` when one is configured.
        case saved(path: String, printer: String?)
        /// Saved to `path`, but the printer refused it.
        case printFailed(path: String, printer: String)
    }

    static let unimplemented = ObservationClient(
        discharge: DeskClient.unset("observation.discharge"), certificate: DeskClient.unset("observation.certificate"),
        printCertificate: DeskClient.unset("observation.printCertificate"),
        recordAdverseEvent: DeskClient.unset("observation.recordAdverseEvent"))
}
