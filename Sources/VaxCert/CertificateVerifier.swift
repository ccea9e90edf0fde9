import Crypto
import Foundation
import X509

/// Checks an HC1 text offline, against a trust list and a revocation list that were themselves
/// checked against the national authority.
public struct CertificateVerifier: Sendable {
    public enum Reason: Error, Equatable, Sendable {
        /// Not an HC1 text, or it does not read; what, in plain words.
        case malformed(String)
        /// No document signer of the trust list has this kid (hex).
        case unknownSigner(String)
        /// The signature is not the signer's: the text was changed, or signed by someone else.
        case badSignature
        /// The signer's DSC is on the list but the authority did not certify it.
        case signerNotCertified
        /// The signer's DSC was not valid at the time of checking.
        case signerExpired(Date)
        /// The certificate's own `exp` has passed.
        case expired(Date)
        /// The certificate's identifier is on the revocation list.
        case revoked(identifier: String, reason: String)
    }

    public struct Verification: Sendable {
        /// nil: valid.
        public var failure: Reason?
        /// What the text says, when it could be read at all.
        public var claims: HC1.Claims?
        /// Who signed it, when the kid is on the trust list.
        public var signer: TrustList.Signer?
        public var isValid: Bool { failure == nil }
    }

    public enum ListFailure: Error, Equatable {
        /// The trust list's authority is not the one pinned.
        case notThePinnedAuthority
        /// A list is not well formed, or its signature is not the authority's.
        case trustList(SignedList<TrustList>.Failure)
        case revocations(SignedList<RevocationList>.Failure)
    }

    public let trustList: TrustList
    public let authority: Certificate
    public let revocations: RevocationList?

    /// Reads the lists. With `pinned`, the trust list must be signed by that authority; without, by the
    /// authority it names itself (whose fingerprint the caller should show, to be compared).
    public init(trustList json: Data, revocations: Data?, pinned: Certificate? = nil) throws {
        let named: TrustList
        do { named = try SignedList<TrustList>.unverifiedContent(of: json) } catch { throw ListFailure.trustList(.malformed) }
        guard let authority = pinned ?? named.authorityCertificate,
              let key = P256.Signing.PublicKey(authority.publicKey)
        else { throw ListFailure.trustList(.malformed) }
        if let pinned, named.authorityCertificate != pinned { throw ListFailure.notThePinnedAuthority }
        do { trustList = try SignedList<TrustList>(json: json, signedBy: key).content } catch let failure as SignedList<TrustList>.Failure {
            throw ListFailure.trustList(failure)
        }
        if let revocations {
            do { self.revocations = try SignedList<RevocationList>(json: revocations, signedBy: key).content } catch let failure as SignedList<RevocationList>.Failure {
                throw ListFailure.revocations(failure)
            }
        } else {
            self.revocations = nil
        }
        self.authority = authority
    }

    /// The SHA-256 of the authority's DER, hex, in groups: what a verifier compares with the published one.
    public var authorityFingerprint: String { SigningFingerprint.of(authority) }

    public func verify(_ text: String, at now: Date) -> Verification {
        let message: COSESign1, claims: HC1.Claims
        do { (message, claims) = try HC1.decode(text) } catch HC1.Failure.malformed(let what) {
            return Verification(failure: .malformed(what))
        } catch {
            return Verification(failure: .malformed("\(error)"))
        }
        var result = Verification(claims: claims)
        guard let kid = message.kid else { result.failure = .malformed("no kid in its header"); return result }
        let kidText = Data(kid).base64EncodedString()
        guard let signer = trustList.signers.first(where: { $0.kid == kidText }),
              let der = Data(base64Encoded: signer.certificate), let dsc = try? Certificate(derEncoded: Array(der))
        else {
            result.failure = .unknownSigner(kid.hex)
            return result
        }
        result.signer = signer
        // A kid is only 8 bytes: the DSC it names must be the one whose DER it was taken from.
        guard DocumentSigner.kid(of: dsc) == kid, SigningAuthority.certifies(authority, dsc) else {
            result.failure = .signerNotCertified
            return result
        }
        guard let key = P256.Signing.PublicKey(dsc.publicKey), (try? message.isSigned(by: key)) == true else {
            result.failure = .badSignature
            return result
        }
        if now < dsc.notValidBefore || now >= dsc.notValidAfter {
            result.failure = .signerExpired(dsc.notValidAfter)
        } else if now >= claims.expires {
            result.failure = .expired(claims.expires)
        } else if let entry = revocations?.revoked.first(where: { entry in
            claims.certificate.vaccinations.contains { $0.identifier == entry.identifier }
        }) {
            result.failure = .revoked(identifier: entry.identifier, reason: entry.reason)
        }
        return result
    }
}

/// A certificate's SHA-256 fingerprint, hex in colon-separated pairs, as verifiers compare it.
public enum SigningFingerprint {
    public static func of(_ certificate: Certificate) -> String {
        SHA256.hash(data: (try? certificate.derBytes) ?? []).map { String(format: "%02X", $0) }.joined(separator: ":")
    }
}
