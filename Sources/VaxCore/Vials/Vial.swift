import Foundation

/// An opened vial of a lot: so many doses, drawn one per injection, to be used before its discard time.
/// Every dose is accounted for: drawn into a person, or wasted when the vial is discarded.
public struct Vial: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var lotID: UUID
    public var productCode: String
    public var lotNumber: String
    public var dosesPerVial: Int
    public var openedAt: Date
    /// After this the vial may not be used (the catalog's hours after opening).
    public var discardDue: Date
    /// Doses drawn into people so far.
    public var dosesDrawn: Int
    /// Set when the vial is finished: emptied, or discarded with a reason and the doses wasted.
    public var closedAt: Date?
    public var discardReason: String?
    public var dosesWasted: Int?

    public init(
        id: UUID = .timeOrdered(), lotID: UUID, productCode: String, lotNumber: String, dosesPerVial: Int,
        openedAt: Date, discardDue: Date, dosesDrawn: Int = 0, closedAt: Date? = nil, discardReason: String? = nil,
        dosesWasted: Int? = nil
    ) {
        self.id = id
        self.lotID = lotID
        self.productCode = productCode
        self.lotNumber = lotNumber
        self.dosesPerVial = dosesPerVial
        self.openedAt = openedAt
        self.discardDue = discardDue
        self.dosesDrawn = dosesDrawn
        self.closedAt = closedAt
        self.discardReason = discardReason
        self.dosesWasted = dosesWasted
    }

    public var dosesLeft: Int { max(0, dosesPerVial - dosesDrawn) }

    /// What may be done with the vial at `now`.
    public enum State: Hashable, Sendable {
        /// Doses may be drawn.
        case usable
        /// Its discard time has passed: it must be discarded, its doses left wasted.
        case pastDiscardTime
        /// Finished: every dose drawn, or discarded.
        case closed
    }

    public func state(at now: Date) -> State {
        if closedAt != nil || dosesLeft == 0 { return .closed }
        return now < discardDue ? .usable : .pastDiscardTime
    }

    /// When a vial of `product` opened at `openedAt` must be discarded.
    public static func discardDue(openedAt: Date, product: VaccineCatalog.Product) -> Date {
        openedAt.addingTimeInterval(TimeInterval(product.discardHours) * 3_600)
    }
}

/// The arithmetic of vials for a session or a lot: every dose of every opened vial is given or wasted.
public struct VialBalance: Hashable, Sendable {
    public var opened = 0
    public var dosesInOpened = 0
    public var given = 0
    public var wasted = 0
    /// Doses still in vials not yet finished.
    public var inOpenVials = 0

    public init(_ vials: [Vial]) {
        for vial in vials {
            opened += 1
            dosesInOpened += vial.dosesPerVial
            given += vial.dosesDrawn
            if vial.closedAt != nil || vial.dosesLeft == 0 {
                wasted += vial.dosesWasted ?? 0
            } else {
                inOpenVials += vial.dosesLeft
            }
        }
    }

    /// Opened × doses per vial = given + wasted (+ what open vials still hold).
    public var isBalanced: Bool { dosesInOpened == given + wasted + inOpenVials }
}
