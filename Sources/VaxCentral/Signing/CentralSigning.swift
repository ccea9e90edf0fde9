import Crypto
import Foundation
import VaxCert
import X509

/// The national signing authority at the centre: its key (a file readable by the service only) and its
/// certificate (in the database, public). It issues each site's document signer and signs the lists
/// every verifier reads. The key never goes in the database: a copy of the database cannot sign.
public struct CentralSigning: Sendable {
    public let authority: SigningAuthority

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case notInitialised
        case alreadyInitialised(String)
        case keyUnreadable(String)
        case keyReadableByOthers(String)
        case keyDoesNotMatch(String)
        case badRequest(String)

        public var description: String {
            switch self {
            case .notInitialised:
                "certificate signing is not set up at this centre: run `vaxdesk-central signing init --key-file FILE`"
            case .alreadyInitialised(let what): "the signing authority exists already (\(what)): it is made once"
            case .keyUnreadable(let file): "the signing key \(file) cannot be read as a P-256 key"
            case .keyReadableByOthers(let file): "the signing key \(file) may be read by other users: chmod 600 \(file)"
            case .keyDoesNotMatch(let file): "the signing key \(file) is not the key of this centre's signing authority"
            case .badRequest(let why): why
            }
        }
    }

    public init(authority: SigningAuthority) {
        self.authority = authority
    }

    /// The authority's certificate, PEM, for verifiers to pin.
    public var authorityPEM: String {
        get throws { try authority.certificate.serializeAsPEM().pemString + "\n" }
    }

    public var authorityFingerprint: String { SigningFingerprint.of(authority.certificate) }

    /// Makes the authority once: its key written to `keyFile` (0600, never replaced), its certificate
    /// kept in the store.
    public static func initialise(name: String, keyFile: String, store: any CentralStorage, at date: Date) async throws
        -> CentralSigning
    {
        if try await store.signingAuthorityCertificate() != nil { throw Problem.alreadyInitialised("in the database") }
        guard !FileManager.default.fileExists(atPath: keyFile) else { throw Problem.alreadyInitialised(keyFile) }
        let authority = try SigningAuthority.create(name: name, at: date)
        guard FileManager.default.createFile(atPath: keyFile, contents: Data(authority.key.pemRepresentation.utf8),
                                             attributes: [.posixPermissions: 0o600])
        else { throw Problem.keyUnreadable(keyFile) }
        try await store.insertSigningAuthority(certificate: Data(try authority.certificate.derBytes).base64EncodedString(), at: date)
        return CentralSigning(authority: authority)
    }

    /// The authority of the store, with its key from `keyFile`.
    public static func load(keyFile: String, store: any CentralStorage) async throws -> CentralSigning {
        guard let stored = try await store.signingAuthorityCertificate(), let der = Data(base64Encoded: stored) else {
            throw Problem.notInitialised
        }
        let mode = (try? FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else { throw Problem.keyReadableByOthers(keyFile) }
        guard let pem = try? String(contentsOfFile: keyFile, encoding: .utf8),
              let key = try? P256.Signing.PrivateKey(pemRepresentation: pem)
        else { throw Problem.keyUnreadable(keyFile) }
        let certificate = try Certificate(derEncoded: Array(der))
        guard let authority = try? SigningAuthority(certificate: certificate, key: key) else { throw Problem.keyDoesNotMatch(keyFile) }
        return CentralSigning(authority: authority)
    }

    /// A document signer for a site, from its request (PEM): issued, recorded, and on the trust list
    /// from now on. Answers its certificate, PEM.
    public func issue(requestPEM: String, siteID: String, siteName: String, store: any CentralStorage, at date: Date)
        async throws -> String
    {
        guard let request = try? CertificateSigningRequest(pemEncoded: requestPEM) else {
            throw Problem.badRequest("the body is not a certificate signing request (PEM)")
        }
        let displayName = request.subject.commonName ?? siteName
        let certificate: Certificate
        do {
            certificate = try authority.issueSigner(for: request, siteCode: siteName, siteName: displayName, at: date)
        } catch SigningAuthority.Failure.requestNotSigned {
            throw Problem.badRequest("the request is not signed by the key it carries")
        } catch SigningAuthority.Failure.notP256 {
            throw Problem.badRequest("the request's key is not a P-256 key (ES256)")
        }
        try await store.insertDocumentSigner(
            kid: DocumentSigner.kid(of: certificate).hex, siteID: siteID,
            certificate: Data(try certificate.derBytes).base64EncodedString(), notAfter: certificate.notValidAfter, at: date)
        return try certificate.serializeAsPEM().pemString + "\n"
    }

    /// The trust list as of `date`: the authority and every signer neither revoked nor expired, signed.
    public func trustList(store: any CentralStorage, at date: Date) async throws -> Data {
        var signers: [TrustList.Signer] = []
        for signer in try await store.documentSigners() where signer.revokedAt == nil && signer.notAfter > date {
            guard let der = Data(base64Encoded: signer.certificate) else { continue }
            let certificate = try Certificate(derEncoded: Array(der))
            signers.append(try TrustList.Signer(certificate: certificate, siteCode: signer.siteName,
                                                siteName: certificate.subject.commonName ?? signer.siteName))
        }
        let list = try TrustList(issued: date, authority: authority.certificate, signers: signers)
        return try SignedList(signing: list, with: authority.key).json()
    }

    /// The revocation list as of `date`, signed.
    public func revocationList(store: any CentralStorage, at date: Date) async throws -> Data {
        let revoked = try await store.revokedCertificates().map {
            RevocationList.Entry(identifier: $0.identifier, reason: $0.reason, revoked: $0.at)
        }
        return try SignedList(signing: RevocationList(issued: date, revoked: revoked), with: authority.key).json()
    }
}
