import Foundation

/// A signed certificate the site issued: its identifier (UVCI), the HC1 text that was signed, and what
/// became of it. Never deleted: a certificate whose record was corrected or voided is revoked, and the
/// one issued after it names it as replaced.
public struct IssuedCertificate: Hashable, Sendable {
    public enum RevocationReason: String, Sendable, CaseIterable {
        /// The person's record was corrected, or merged into another.
        case corrected
        /// A dose it states was voided as entered in error.
        case enteredInError = "entered-in-error"
    }

    public var id: UUID
    /// `URN:UVCI:01:VN:…`.
    public var identifier: String
    public var personID: UUID
    /// Hex of the signer's 8-byte kid.
    public var kid: String
    /// The SHA-256 (hex) of what it states, its identifier left out: the same content is never
    /// issued twice, a changed one always is.
    public var contentDigest: String
    public var hc1: String
    public var issuedAt: Date
    public var expiresAt: Date
    public var staffCode: String?
    public var revokedAt: Date?
    public var revocationReason: RevocationReason?
    /// The identifier of the certificate issued in its place.
    public var replacedBy: String?

    public init(id: UUID, identifier: String, personID: UUID, kid: String, contentDigest: String, hc1: String,
                issuedAt: Date, expiresAt: Date, staffCode: String? = nil, revokedAt: Date? = nil,
                revocationReason: RevocationReason? = nil, replacedBy: String? = nil) {
        self.id = id
        self.identifier = identifier
        self.personID = personID
        self.kid = kid
        self.contentDigest = contentDigest
        self.hc1 = hc1
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.staffCode = staffCode
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
        self.replacedBy = replacedBy
    }

    public var isRevoked: Bool { revokedAt != nil }
}

/// The site's document signer as the store holds it: the certificate the centre issued (DER), without
/// its key.
public struct StoredDocumentSigner: Hashable, Sendable {
    /// Hex of the 8-byte kid.
    public var kid: String
    public var certificate: [UInt8]
    public var subject: String
    public var notBefore: Date
    public var notAfter: Date
    public var installedAt: Date

    public init(kid: String, certificate: [UInt8], subject: String, notBefore: Date, notAfter: Date, installedAt: Date) {
        self.kid = kid
        self.certificate = certificate
        self.subject = subject
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.installedAt = installedAt
    }
}
