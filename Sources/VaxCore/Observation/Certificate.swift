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
    /// The signed certificate (HC1) of these facts, when the site could sign.
    public var signed: IssuedCertificate?
    /// Why it is not signed, when it is not.
    public var unsigned: SigningProblem?

    public init(person: Person, doses: [Dose], siteName: String, reference: UUID, issuedAt: Date,
                signed: IssuedCertificate? = nil) {
        self.signed = signed
        self.person = person
        self.doses = doses
        self.siteName = siteName
        self.reference = reference
        self.issuedAt = issuedAt
    }
}

/// Why a site cannot sign a certificate now; each says what to do.
public enum SigningProblem: Error, Hashable, Sendable {
    /// No document-signing certificate has been installed (`vaxdesk signing request`).
    case noSigner
    /// The certificate is installed but its key is not beside the database (put it back from a backup).
    case noKey(String)
    /// The installed certificate's validity ended on this day: the centre issues a new one.
    case signerExpired(Date)
    /// Something else went wrong while signing: what.
    case failed(String)

    /// The name of the problem (`signing.<name>` in the strings).
    public var name: String {
        switch self {
        case .noSigner: "noSigner"
        case .noKey: "noKey"
        case .signerExpired: "signerExpired"
        case .failed: "failed"
        }
    }
}
