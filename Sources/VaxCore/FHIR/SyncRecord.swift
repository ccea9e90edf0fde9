import Foundation

/// What a row of the outbox carries to the centre, read from the site store when it is pushed.
public enum SyncRecord: Hashable, Sendable {
    /// A person registered at the desk (walk-in), corrected, or merged into another record (`replacedBy`).
    case patient(Person, replacedBy: UUID? = nil)
    /// A dose given here or from a paper record, or one not given (a deferral, a contraindication, a
    /// referral, a refusal).
    case immunization(ImmunizationFacts)
    case adverseEvent(AdverseEventFacts)
    /// A vial's state: opened, and once discarded the doses wasted.
    case vial(VialFacts)
    /// A signed certificate issued, or revoked after a correction or a void.
    case certificate(CertificateFacts)
    /// A step of the site's own workflow (check-in, discharge, a session opened or closed): nothing for
    /// the centre.
    case localOnly
}

public struct ImmunizationFacts: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        case completed
        /// Screened and not vaccinated, with the outcome that said so.
        case notDone(ScreeningOutcome)
        /// Screened fit for the dose, and the person declined it (no consent).
        case refused
    }

    public var id: UUID
    public var person: Person
    public var status: Status
    public var productCode: String?
    public var lotNumber: String?
    public var lotExpiry: String?
    /// When it happened: a moment, or a day (`yyyy-mm-dd`) for a paper record.
    public var occurred: Occurrence
    /// When the site recorded it, or last corrected it.
    public var recorded: Date
    public var doseNumber: Int?
    public var arm: Arm?
    /// Who gave or screened: "TI01 Võ Thị Hồng".
    public var performer: String?
    public var place: String?
    /// False for a dose entered from a paper record.
    public var primarySource: Bool
    /// Voided at the site (recorded on the wrong person, never given): it counts nowhere.
    public var enteredInError = false

    public enum Occurrence: Hashable, Sendable {
        case moment(Date)
        case day(String)
    }

    public init(
        id: UUID, person: Person, status: Status, productCode: String?, lotNumber: String?, lotExpiry: String?,
        occurred: Occurrence, recorded: Date, doseNumber: Int?, arm: Arm?, performer: String?, place: String?,
        primarySource: Bool
    ) {
        self.id = id
        self.person = person
        self.status = status
        self.productCode = productCode
        self.lotNumber = lotNumber
        self.lotExpiry = lotExpiry
        self.occurred = occurred
        self.recorded = recorded
        self.doseNumber = doseNumber
        self.arm = arm
        self.performer = performer
        self.place = place
        self.primarySource = primarySource
    }
}

public struct AdverseEventFacts: Hashable, Sendable {
    public var event: AdverseEvent
    public var person: Person
    /// The injection it followed, if any.
    public var injectionID: UUID?
    public var recorded: Date
    /// "TD01 Bùi Thị Mai, observation-nurse, Trạm Y tế Phường Vĩnh Thanh Vân, 0912345678".
    public var reporter: String?

    public init(event: AdverseEvent, person: Person, injectionID: UUID?, recorded: Date, reporter: String? = nil) {
        self.event = event
        self.person = person
        self.injectionID = injectionID
        self.recorded = recorded
        self.reporter = reporter
    }
}

public struct VialFacts: Hashable, Sendable {
    public var id: UUID
    public var productCode: String
    public var lotNumber: String
    public var dosesPerVial: Int
    public var openedAt: Date
    public var discardedAt: Date?
    public var dosesWasted: Int?

    public init(id: UUID, productCode: String, lotNumber: String, dosesPerVial: Int, openedAt: Date, discardedAt: Date?,
                dosesWasted: Int?) {
        self.id = id
        self.productCode = productCode
        self.lotNumber = lotNumber
        self.dosesPerVial = dosesPerVial
        self.openedAt = openedAt
        self.discardedAt = discardedAt
        self.dosesWasted = dosesWasted
    }
}

/// One outbox row as the pusher reads it.
public struct SyncItem: Hashable, Sendable {
    public var seq: Int64
    public var event: String
    public var record: SyncRecord

    public init(seq: Int64, event: String, record: SyncRecord) {
        self.seq = seq
        self.event = event
        self.record = record
    }
}

public struct CertificateFacts: Hashable, Sendable {
    public var issued: IssuedCertificate
    public var person: Person
    /// The certificate this one replaced, if any.
    public var replaces: IssuedCertificate?

    public init(issued: IssuedCertificate, person: Person, replaces: IssuedCertificate?) {
        self.issued = issued
        self.person = person
        self.replaces = replaces
    }
}
