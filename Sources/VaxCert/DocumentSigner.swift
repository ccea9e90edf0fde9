import Crypto
import Foundation
import SwiftASN1
import X509

/// What signs certificates at a site: its document-signing certificate (DSC), issued by the national
/// signing authority, and the private key that only the site holds.
// The key is immutable; swift-crypto 3 does not mark it Sendable.
public struct DocumentSigner: @unchecked Sendable {
    public let certificate: Certificate
    public let key: P256.Signing.PrivateKey

    public enum Failure: Error, Equatable {
        /// The key is not the one the certificate was issued for.
        case keyDoesNotMatch
        /// The DSC's validity has ended (or not begun) at the time of signing.
        case notValid(until: Date)
    }

    public init(certificate: Certificate, key: P256.Signing.PrivateKey) throws {
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else { throw Failure.keyDoesNotMatch }
        self.certificate = certificate
        self.key = key
    }

    public var kid: [UInt8] { Self.kid(of: certificate) }

    /// The first 8 bytes of the SHA-256 of the certificate's DER: how an HCERT names its signer.
    public static func kid(of certificate: Certificate) -> [UInt8] {
        Array(SHA256.hash(data: (try? certificate.derBytes) ?? []).prefix(8))
    }

    /// Signs the claims as an HC1 text. The certificate never outlives the DSC that signed it.
    public func sign(_ certificate: HealthCertificate, issuedAt: Date, validFor: TimeInterval,
                     country: String = "VN") throws -> String {
        guard issuedAt >= self.certificate.notValidBefore, issuedAt < self.certificate.notValidAfter else {
            throw Failure.notValid(until: self.certificate.notValidAfter)
        }
        let expires = min(issuedAt.addingTimeInterval(validFor), self.certificate.notValidAfter)
        return try HC1.encode(HC1.Claims(issuer: country, issuedAt: issuedAt, expires: expires, certificate: certificate),
                              kid: kid, key: key)
    }

    /// A request for a DSC: proof that the site holds the key, sent to the centre, which names the site
    /// itself (the request's own subject is not trusted).
    public static func request(for key: P256.Signing.PrivateKey, site: String) throws -> CertificateSigningRequest {
        try CertificateSigningRequest(
            version: .v1, subject: DistinguishedName { CountryName("VN"); CommonName(site) },
            privateKey: Certificate.PrivateKey(key), attributes: CertificateSigningRequest.Attributes())
    }
}

extension Certificate {
    /// The certificate as DER bytes.
    public var derBytes: [UInt8] {
        get throws {
            var serializer = DER.Serializer()
            try serializer.serialize(self)
            return serializer.serializedBytes
        }
    }
}

extension DistinguishedName {
    /// The common name (CN), as written.
    public var commonName: String? {
        first { $0.description.hasPrefix("CN=") }.map { String($0.description.dropFirst(3)) }
    }
}

extension Array where Element == UInt8 {
    /// The bytes in lower-case hex, as a kid is written in lists and logs.
    public var hex: String { map { String(format: "%02x", $0) }.joined() }
}
