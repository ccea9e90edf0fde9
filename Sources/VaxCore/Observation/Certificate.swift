import Foundation

/// The vaccination certificate given at discharge (Annex 4 of Decision 3588/QĐ-BYT): who, and every
/// dose they have had, with the reference of this site's record for a QR code.
public struct Certificate: Hashable, Sendable {
    public struct Dose: Hashable, Sendable {
        public var number: Int
        public var productCode: String
        public var lotNumber: String?
        /// `yyyy-mm-dd`.
        public var day: String
        public var place: String?
        /// The worst adverse event recorded after this dose at this site (nil: none recorded).
        public var adverseEvent: AdverseEvent.Severity?

        public init(number: Int, productCode: String, lotNumber: String?, day: String, place: String?,
                    adverseEvent: AdverseEvent.Severity? = nil) {
            self.adverseEvent = adverseEvent
            self.number = number
            self.productCode = productCode
            self.lotNumber = lotNumber
            self.day = day
            self.place = place
        }
    }

    public var person: Person
    public var doses: [Dose]
    public var siteName: String
    /// The record of today's injection, as the QR code carries it.
    public var reference: UUID
    public var issuedAt: Date

    public init(person: Person, doses: [Dose], siteName: String, reference: UUID, issuedAt: Date) {
        self.person = person
        self.doses = doses
        self.siteName = siteName
        self.reference = reference
        self.issuedAt = issuedAt
    }
}
