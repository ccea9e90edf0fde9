import Foundation

/// A signed certificate a person brought (scanned at check-in), as the site read and checked it
/// against the centre's lists it keeps: who, which doses, who signed, and whether it holds.
public struct CertificateReading: Hashable, Sendable {
    /// Why it does not hold; nil: valid.
    public enum Failure: Hashable, Sendable {
        /// The site has no trust list yet (`vaxdesk signing lists`, or a sync with the centre).
        case noTrustList
        case malformed(String)
        case unknownSigner
        case badSignature
        case signerNotCertified
        case signerExpired(Date)
        case expired(Date)
        case revoked(String)

        /// The name of the failure (`certificateReading.<name>` in the strings).
        public var name: String {
            switch self {
            case .noTrustList: "noTrustList"
            case .malformed: "malformed"
            case .unknownSigner: "unknownSigner"
            case .badSignature: "badSignature"
            case .signerNotCertified: "signerNotCertified"
            case .signerExpired: "signerExpired"
            case .expired: "expired"
            case .revoked: "revoked"
            }
        }
    }

    public struct Dose: Hashable, Sendable {
        public var number: Int
        public var seriesDoses: Int
        /// The catalog's code for the certificate's product, when the catalog has it.
        public var productCode: String?
        /// The certificate's own product code (`EU/1/20/1528`).
        public var product: String
        /// `yyyy-mm-dd`.
        public var day: String
        public var country: String

        public init(number: Int, seriesDoses: Int, productCode: String?, product: String, day: String, country: String) {
            self.number = number
            self.seriesDoses = seriesDoses
            self.productCode = productCode
            self.product = product
            self.day = day
            self.country = country
        }
    }

    public var failure: Failure?
    /// Nil when the text could not be read at all.
    public var fullName: String?
    /// `yyyy-mm-dd` or `yyyy`.
    public var birthDate: String?
    /// Oldest first.
    public var doses: [Dose]
    public var identifier: String?
    /// The site whose document signer signed it, when the trust list names it.
    public var signer: String?

    public init(failure: Failure?, fullName: String?, birthDate: String?, doses: [Dose], identifier: String?, signer: String?) {
        self.failure = failure
        self.fullName = fullName
        self.birthDate = birthDate
        self.doses = doses
        self.identifier = identifier
        self.signer = signer
    }

    public var isValid: Bool { failure == nil }

    /// Whether it is about this person: the same name (folded) and a birth date that agrees.
    public func isAbout(_ person: Person) -> Bool {
        guard let fullName, let birthDate, let birth = BirthDate(stored: birthDate) else { return false }
        return NameFolding.fold(fullName) == NameFolding.fold(person.fullName) && birth.agrees(with: person.birthDate)
    }

    /// What a check-in search types to find the holder: the name and the birth year.
    public var searchText: String? {
        guard let fullName else { return nil }
        return [fullName, birthDate.map { String($0.prefix(4)) }].compactMap { $0 }.joined(separator: " ")
    }
}
