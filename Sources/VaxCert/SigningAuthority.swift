import Crypto
import Foundation
import X509

/// The national signing authority (CSCA): a self-signed certificate that certifies the document
/// signers of every site. Its key signs nothing else but DSCs and the centre's lists.
// The key is immutable; swift-crypto 3 does not mark it Sendable.
public struct SigningAuthority: @unchecked Sendable {
    public let certificate: Certificate
    public let key: P256.Signing.PrivateKey

    /// How long a CSCA and a DSC are valid. A DSC lasts less, so that a lost key stops on its own; a
    /// certificate signed by a DSC never outlives it.
    public static let authorityValidity: TimeInterval = 10 * 365 * 86_400
    public static let signerValidity: TimeInterval = 2 * 365 * 86_400

    public enum Failure: Error, Equatable {
        /// The request is not signed by the key it carries.
        case requestNotSigned
        /// Only P-256 keys sign certificates (ES256).
        case notP256
    }

    public init(certificate: Certificate, key: P256.Signing.PrivateKey) throws {
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else {
            throw DocumentSigner.Failure.keyDoesNotMatch
        }
        self.certificate = certificate
        self.key = key
    }

    /// A new authority, with a new key.
    public static func create(name: String, country: String = "VN", at now: Date) throws -> SigningAuthority {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CountryName(country); OrganizationName(name); CommonName("\(name) CSCA") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(authorityValidity),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(key))
        return try SigningAuthority(certificate: certificate, key: key)
    }

    /// A DSC for a site, for the key of its request (checked to be the requester's own).
    public func issueSigner(for request: CertificateSigningRequest, siteCode: String, siteName: String,
                            country: String = "VN", at now: Date,
                            validity: TimeInterval = signerValidity) throws -> Certificate {
        guard request.publicKey.isValidSignature(request.signature, for: request) else { throw Failure.requestNotSigned }
        guard P256.Signing.PublicKey(request.publicKey) != nil else { throw Failure.notP256 }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: request.publicKey,
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: min(now.addingTimeInterval(validity), certificate.notValidAfter),
            issuer: certificate.subject,
            subject: try DistinguishedName { CountryName(country); CommonName(siteName); OrganizationalUnitName(siteCode) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
            },
            issuerPrivateKey: .init(key))
    }

    /// Whether `signer` was certified by this authority's key.
    public static func certifies(_ authority: Certificate, _ signer: Certificate) -> Bool {
        authority.publicKey.isValidSignature(signer.signature, for: signer)
    }
}
