import Foundation
import X509

/// Who may sign certificates: the national authority's certificate and every valid document signer
/// it certified, each with its kid. Published by the centre, signed by the authority.
public struct TrustList: Codable, Equatable, Sendable {
    public struct Signer: Codable, Equatable, Sendable {
        /// Base64 of the 8-byte kid.
        public var kid: String
        public var siteCode: String
        public var siteName: String
        /// Base64 of the DSC's DER.
        public var certificate: String

        public init(certificate: Certificate, siteCode: String, siteName: String) throws {
            kid = Data(DocumentSigner.kid(of: certificate)).base64EncodedString()
            self.siteCode = siteCode
            self.siteName = siteName
            self.certificate = Data(try certificate.derBytes).base64EncodedString()
        }
    }

    public var issued: Date
    public var country: String
    /// Base64 of the authority's DER.
    public var authority: String
    public var signers: [Signer]

    public init(issued: Date, country: String = "VN", authority: Certificate, signers: [Signer]) throws {
        self.issued = issued
        self.country = country
        self.authority = Data(try authority.derBytes).base64EncodedString()
        self.signers = signers
    }

    public var authorityCertificate: Certificate? {
        Data(base64Encoded: authority).flatMap { try? Certificate(derEncoded: Array($0)) }
    }
}

/// Certificate identifiers no longer to be trusted: replaced after a correction, or their dose voided.
public struct RevocationList: Codable, Equatable, Sendable {
    public struct Entry: Codable, Equatable, Sendable {
        public var identifier: String
        /// `replaced` (a corrected certificate was issued) or `entered-in-error`.
        public var reason: String
        public var revoked: Date

        public init(identifier: String, reason: String, revoked: Date) {
            self.identifier = identifier
            self.reason = reason
            self.revoked = revoked
        }
    }

    public var issued: Date
    public var revoked: [Entry]

    public init(issued: Date, revoked: [Entry]) {
        self.issued = issued
        self.revoked = revoked
    }
}
