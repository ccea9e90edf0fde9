import Foundation

/// A record entered in error, to be voided: a dose recorded on the wrong person or never given, a
/// screening of the wrong person, a paper dose that was not. It is never deleted: it stays, marked,
/// leaves every count and report, and the centre receives it as `entered-in-error`.
public enum VoidedRecord: Hashable, Sendable {
    /// An injection, and what became of its dose: drawn from the vial and given to nobody (wasted), or
    /// never drawn (returned to the vial's count).
    case injection(UUID, dose: DoseFate)
    /// A screening that ended without a dose (a deferral, a contraindication, a referral).
    case screening(UUID)
    /// A dose entered from a paper record.
    case paperDose(UUID)

    public enum DoseFate: String, Hashable, Sendable, CaseIterable {
        case wasted, returned
    }

    public var id: UUID {
        switch self {
        case .injection(let id, _), .screening(let id), .paperDose(let id): id
        }
    }
}
