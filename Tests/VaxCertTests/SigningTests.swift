import Crypto
import Foundation
import Testing
import VaxCert
import X509

/// A national authority, a site's document signer certified by it, the lists the centre publishes, and
/// the checks a verifier makes offline: each way a certificate can be wrong is refused with its reason.
@Suite("Signing and verifying certificates")
struct SigningTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    struct World {
        let authority: SigningAuthority
        let signer: DocumentSigner
        let trustList: Data

        init(signerValidity: TimeInterval = SigningAuthority.signerValidity, at now: Date = SigningTests.now) throws {
            authority = try SigningAuthority.create(name: "Bộ Y tế", at: now)
            let key = P256.Signing.PrivateKey()
            let request = try DocumentSigner.request(for: key, site: "Trạm Y tế Phường 1")
            let dsc = try authority.issueSigner(for: request, siteCode: "S01", siteName: "Trạm Y tế Phường 1", at: now,
                                                validity: signerValidity)
            signer = try DocumentSigner(certificate: dsc, key: key)
            trustList = try World.list([try TrustList.Signer(certificate: dsc, siteCode: "S01", siteName: "Trạm Y tế Phường 1")],
                                       authority: authority)
        }

        static func list(_ signers: [TrustList.Signer], authority: SigningAuthority) throws -> Data {
            try SignedList(signing: TrustList(issued: SigningTests.now, authority: authority.certificate, signers: signers),
                           with: authority.key).json()
        }

        func revocations(_ identifiers: [String]) throws -> Data {
            try SignedList(signing: RevocationList(
                issued: SigningTests.now,
                revoked: identifiers.map { .init(identifier: $0, reason: "replaced", revoked: SigningTests.now) }),
                           with: authority.key).json()
        }
    }

    static let certificate = HealthCertificate(
        name: .init(family: "Nguyễn", given: "Thị Minh Khai"), birthDate: "1990-03-12",
        vaccinations: [
            .init(vaccineType: "J07BN01", product: "EU/1/20/1528", manufacturer: "ORG-100030215", doseNumber: 2,
                  seriesDoses: 2, date: "2026-11-20", country: "VN", issuer: "Trạm Y tế Phường 1",
                  identifier: "URN:UVCI:01:VN:S01/AB12"),
            .init(vaccineType: "J07BN01", product: "EU/1/20/1528", manufacturer: "ORG-100030215", doseNumber: 1,
                  seriesDoses: 2, date: "2026-10-30", country: "VN", issuer: "Trạm Y tế Phường 1",
                  identifier: "URN:UVCI:01:VN:S01/AB12"),
        ])

    @Test("a certificate signed at the site reads back whole and is valid, signed by the site")
    func valid() throws {
        let world = try World()
        let text = try world.signer.sign(Self.certificate, issuedAt: Self.now, validFor: 365 * 86_400)
        #expect(text.hasPrefix("HC1:"))
        let result = try CertificateVerifier(trustList: world.trustList, revocations: world.revocations([])).verify(text, at: Self.now + 60)
        #expect(result.failure == nil)
        #expect(result.claims?.certificate == Self.certificate)
        #expect(result.claims?.issuer == "VN")
        #expect(result.signer?.siteCode == "S01")
    }

    @Test("one changed character, a signer the list does not hold, a revoked identifier, an expired certificate: each refused with its reason")
    func refusals() throws {
        let world = try World()
        let text = try world.signer.sign(Self.certificate, issuedAt: Self.now, validFor: 86_400)
        let verifier = try CertificateVerifier(trustList: world.trustList, revocations: nil)

        // Flip one character of the Base45 text in the middle: the signature no longer holds, or the text no longer reads.
        var characters = Array(text)
        let middle = characters.count / 2
        characters[middle] = characters[middle] == "A" ? "B" : "A"
        let tampered = verifier.verify(String(characters), at: Self.now)
        switch tampered.failure {
        case .badSignature?, .malformed?: break
        default: Issue.record("\(String(describing: tampered.failure))")
        }

        let stranger = try World()
        let unknown = try CertificateVerifier(trustList: stranger.trustList, revocations: nil).verify(text, at: Self.now)
        #expect(unknown.failure == .unknownSigner(world.signer.kid.hex))
        #expect(unknown.claims?.certificate == Self.certificate, "what it says is still shown")

        let revoked = try CertificateVerifier(trustList: world.trustList, revocations: world.revocations(["URN:UVCI:01:VN:S01/AB12"]))
        #expect(revoked.verify(text, at: Self.now).failure == .revoked(identifier: "URN:UVCI:01:VN:S01/AB12", reason: "replaced"))

        #expect(verifier.verify(text, at: Self.now + 2 * 86_400).failure == .expired(Self.now + 86_400))
        #expect(verifier.verify("HC1:NCF", at: Self.now).failure == .malformed("not a zlib stream")
                || verifier.verify("HC1:NCF", at: Self.now).failure == .malformed("not Base45 text"))
        #expect(verifier.verify("hello", at: Self.now).failure == .malformed("it does not begin with HC1:"))
    }

    @Test("a DSC past its validity stops its certificates; the certificate never outlives it")
    func expiredSigner() throws {
        let world = try World(signerValidity: 30 * 86_400)
        let text = try world.signer.sign(Self.certificate, issuedAt: Self.now, validFor: 365 * 86_400)
        let verifier = try CertificateVerifier(trustList: world.trustList, revocations: nil)
        #expect(verifier.verify(text, at: Self.now + 29 * 86_400).failure == nil)
        #expect(verifier.verify(text, at: Self.now + 31 * 86_400).failure == .signerExpired(world.signer.certificate.notValidAfter))
        #expect(try HC1.decode(text).claims.expires <= world.signer.certificate.notValidAfter)
        #expect(throws: DocumentSigner.Failure.notValid(until: world.signer.certificate.notValidAfter)) {
            try world.signer.sign(Self.certificate, issuedAt: Self.now + 31 * 86_400, validFor: 86_400)
        }
    }

    @Test("a DSC on the list that the authority did not certify is refused, and so is a list the authority did not sign")
    func forgedSigner() throws {
        let world = try World()
        let forger = try World()
        // The forger's DSC put on the genuine authority's list (as if the list had been edited and re-signed).
        let forgedList = try World.list(
            [try TrustList.Signer(certificate: forger.signer.certificate, siteCode: "S01", siteName: "x")], authority: world.authority)
        let text = try forger.signer.sign(Self.certificate, issuedAt: Self.now, validFor: 86_400)
        #expect(try CertificateVerifier(trustList: forgedList, revocations: nil).verify(text, at: Self.now).failure == .signerNotCertified)

        #expect(throws: CertificateVerifier.ListFailure.notThePinnedAuthority) {
            try CertificateVerifier(trustList: forger.trustList, revocations: nil, pinned: world.authority.certificate)
        }
        // The genuine list with its content changed after signing.
        var envelope = try JSONSerialization.jsonObject(with: world.trustList) as! [String: String]
        let forgedEnvelope = try JSONSerialization.jsonObject(with: forger.trustList) as! [String: String]
        envelope["content"] = forgedEnvelope["content"]
        let swapped = try JSONSerialization.data(withJSONObject: envelope)
        #expect(throws: CertificateVerifier.ListFailure.trustList(.badSignature)) {
            try CertificateVerifier(trustList: swapped, revocations: nil, pinned: forger.authority.certificate)
        }
    }

    @Test("a request not signed by its key gets no DSC; a key that is not the DSC's signs nothing")
    func requests() throws {
        let world = try World()
        #expect(throws: DocumentSigner.Failure.keyDoesNotMatch) {
            try DocumentSigner(certificate: world.signer.certificate, key: P256.Signing.PrivateKey())
        }
        let dsc = world.signer.certificate
        #expect(SigningAuthority.certifies(world.authority.certificate, dsc))
        #expect(!SigningAuthority.certifies(try World().authority.certificate, dsc))
        #expect(dsc.subject.description.contains("S01"))
    }
}
