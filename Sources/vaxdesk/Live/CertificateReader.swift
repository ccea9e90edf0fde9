import Foundation
import VaxCert
import VaxCore
import VaxStore

/// Reads a certificate someone brought, against the trust and revocation lists the site keeps: at the
/// check-in desk, with no network.
struct CertificateReader {
    let database: AppDatabase
    let catalog: VaccineCatalog

    func read(_ text: String, at date: Date) -> CertificateReading {
        let verification: CertificateVerifier.Verification
        do {
            guard let list = try database.publishedList(.trustList) else { return unverified(text) }
            let verifier = try CertificateVerifier(trustList: list.json, revocations: try database.publishedList(.revocations)?.json)
            verification = verifier.verify(text, at: date)
        } catch {
            return unverified(text)
        }
        var reading = Self.reading(verification.claims, catalog: catalog)
        reading.signer = verification.signer?.siteName
        reading.failure = verification.failure.map(Self.failure)
        return reading
    }

    /// Without a usable trust list: what the text says, and that it could not be checked.
    private func unverified(_ text: String) -> CertificateReading {
        var reading = Self.reading((try? HC1.decode(text))?.claims, catalog: catalog)
        reading.failure = .noTrustList
        return reading
    }

    static func reading(_ claims: HC1.Claims?, catalog: VaccineCatalog) -> CertificateReading {
        guard let certificate = claims?.certificate else {
            return CertificateReading(failure: .malformed("HC1"), fullName: nil, birthDate: nil, doses: [], identifier: nil, signer: nil)
        }
        let name = [certificate.name.family, certificate.name.given].filter { !$0.isEmpty }.joined(separator: " ")
        let doses = certificate.vaccinations.map { dose in
            CertificateReading.Dose(
                number: dose.doseNumber, seriesDoses: dose.seriesDoses,
                productCode: catalog.products.first { $0.certificate.product == dose.product }?.code, product: dose.product,
                day: dose.date, country: dose.country)
        }.sorted { ($0.day, $0.number) < ($1.day, $1.number) }
        return CertificateReading(failure: nil, fullName: name.isEmpty ? certificate.name.familyICAO : name,
                                  birthDate: certificate.birthDate, doses: doses,
                                  identifier: certificate.vaccinations.first?.identifier, signer: nil)
    }

    static func failure(_ reason: CertificateVerifier.Reason) -> CertificateReading.Failure {
        switch reason {
        case .malformed(let what): .malformed(what)
        case .unknownSigner: .unknownSigner
        case .badSignature: .badSignature
        case .signerNotCertified: .signerNotCertified
        case .signerExpired(let date): .signerExpired(date)
        case .expired(let date): .expired(date)
        case .revoked(let identifier, _): .revoked(identifier)
        }
    }
}
