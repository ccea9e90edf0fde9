import Crypto
import Foundation
import VaxCert
import VaxCore
import VaxStore
import X509

/// Signs a person's certificate at the site, with no network: the document signer the centre issued
/// (in the database) and the key beside the database. A certificate of the same facts is issued once
/// and shown again; changed facts (a new dose, a correction) get a new certificate and identifier.
struct CertificateSigning {
    let database: AppDatabase
    let catalog: VaccineCatalog

    /// How long a certificate is valid: a year, and never beyond its signer's certificate.
    static let validity: TimeInterval = 365 * 86_400

    /// The site's signer, or why there is none.
    func signer(at date: Date) throws -> DocumentSigner {
        guard let stored = try database.documentSigner() else { throw SigningProblem.noSigner }
        guard let key = try SigningKeyFile.load(beside: database.path) else {
            throw SigningProblem.noKey(SigningKeyFile.path(beside: database.path))
        }
        guard date < stored.notAfter else { throw SigningProblem.signerExpired(stored.notAfter) }
        return try DocumentSigner(certificate: try X509.Certificate(derEncoded: stored.certificate), key: key)
    }

    /// The certificate signed when the site can sign, else with the reason it could not: a certificate
    /// is still given on paper when the signing fails.
    func signedIfPossible(_ certificate: VaxCore.Certificate, by staffID: UUID, at date: Date) -> VaxCore.Certificate {
        do {
            return try signed(certificate, by: staffID, at: date)
        } catch let problem as SigningProblem {
            var unsigned = certificate
            unsigned.unsigned = problem
            return unsigned
        } catch {
            var unsigned = certificate
            unsigned.unsigned = .failed(String(describing: error))
            return unsigned
        }
    }

    /// After a correction, a void or a merge revoked a person's certificates: the certificate of the
    /// record as it is now, signed, replacing them. Nil when nothing was revoked, when the person has no
    /// dose left on record, or when the site cannot sign now (the next certificate given replaces them).
    func reissue(personID: UUID, by staffID: UUID, at date: Date) -> IssuedCertificate? {
        guard let latest = try? database.issuedCertificates(personID: personID).first, latest.isRevoked,
              let certificate = try? database.certificate(personID: personID, at: date)
        else { return nil }
        return try? signed(certificate, by: staffID, at: date).signed
    }

    /// The certificate with its signed form: the person's standing certificate when it states the same
    /// facts, else a new one, signed now and recorded (audited, queued).
    func signed(_ certificate: VaxCore.Certificate, by staffID: UUID, at date: Date) throws -> VaxCore.Certificate {
        let signer = try signer(at: date)
        let content = HealthCertificate(certificate, catalog: catalog, identifier: "")
        var result = certificate
        if let standing = try database.issuedCertificates(personID: certificate.person.id).first(where: {
            // Signed by the signer of now: after a new signing certificate (the old key lost), a new one.
            !$0.isRevoked && $0.contentDigest == content.contentDigest && $0.expiresAt > date && $0.kid == signer.kid.hex
        }) {
            result.signed = standing
            return result
        }
        let siteCode = try database.site()?.code ?? "VN"
        let identifier = UVCI.make(siteCode: siteCode)
        let hcert = HealthCertificate(certificate, catalog: catalog, identifier: identifier)
        let text = try signer.sign(hcert, issuedAt: date, validFor: Self.validity)
        let issued = IssuedCertificate(
            id: .timeOrdered(), identifier: identifier, personID: certificate.person.id,
            kid: signer.kid.hex, contentDigest: hcert.contentDigest, hc1: text,
            issuedAt: date, expiresAt: min(date.addingTimeInterval(Self.validity), signer.certificate.notValidAfter))
        try database.recordIssuedCertificate(issued, by: staffID)
        result.signed = issued
        return result
    }
}
