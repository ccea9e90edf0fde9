import ArgumentParser
import Foundation
import VaxCert
import VaxCore
import X509

/// `vaxdesk verify-certificate`: checks a signed certificate offline, against the centre's lists.
struct VerifyCertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-certificate",
        abstract: "Verify a signed certificate (HC1 text, or a picture of its QR code) offline: VALID or INVALID and why.",
        discussion: """
            The trust list (GET /trust-list from the central service, a file anyone may copy) names the signing \
            authority and every site's document signer; the revocation list (GET /revocations) the certificates \
            replaced after a correction. Both are signed by the authority: --authority pins its certificate; \
            without it the authority the list names is taken, and its fingerprint printed to be compared with \
            the published one. Exit status 0 only for a valid certificate.
            """)

    @Argument(help: "The HC1 text (HC1:…); - reads it from standard input.")
    var text: String?

    @Option(help: "A picture (PNG, JPEG) of the QR code, read with zbarimg.")
    var image: String?

    @Option(name: .customLong("trust-list"), help: "The trust list file (from GET /trust-list).")
    var trustList: String

    @Option(help: "The revocation list file (from GET /revocations).")
    var revocations: String?

    @Option(help: "The signing authority's certificate (PEM or DER), to pin.")
    var authority: String?

    @Option(name: .long, help: "Language: vi (default) or en.")
    var lang: String = ProcessInfo.processInfo.environment["VAXDESK_LANG"] ?? "vi"

    mutating func validate() throws {
        guard (text == nil) != (image == nil) else { throw ValidationError("Give the HC1 text or --image, one of them.") }
        guard Language(rawValue: lang) != nil else { throw ValidationError("--lang must be vi or en, not '\(lang)'.") }
    }

    func run() throws {
        let language = Language(rawValue: lang) ?? .vietnamese
        let messages = CommandMessages(language: language)
        let resources = try LoadedResources(language: language)
        let hc1 = try certificateText(messages)
        let listData = try messages.contents(of: trustList)
        let revocationData = try revocations.map(messages.contents(of:))
        let pinned = try authority.map { try SignerFile.read($0, messages: messages) }
        let verifier: CertificateVerifier
        do {
            verifier = try CertificateVerifier(trustList: listData, revocations: revocationData, pinned: pinned)
        } catch let failure as CertificateVerifier.ListFailure {
            throw messages.failure("verifyListRefused", ["reason": messages.text("verifyList.\(Self.name(of: failure))")])
        }
        let result = verifier.verify(hc1, at: Date())
        for line in Self.lines(result, verifier: verifier, pinned: pinned != nil, messages: messages, catalog: resources.catalog) {
            print(Printable.text(line))
        }
        if !result.isValid { throw ExitCode(1) }
    }

    private func certificateText(_ messages: CommandMessages) throws -> String {
        if let image {
            guard FileManager.default.fileExists(atPath: image) else { throw messages.failure("fileUnreadable", ["path": image]) }
            let zbar = Process()
            zbar.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
            zbar.arguments = ["--raw", "-q", image]
            let pipe = Pipe()
            zbar.standardOutput = pipe
            zbar.standardError = FileHandle.nullDevice
            do { try zbar.run() } catch { throw messages.failure("verifyNoZbar", [:]) }
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            zbar.waitUntilExit()
            let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard zbar.terminationStatus == 0, !text.isEmpty else { throw messages.failure("verifyNoCode", ["path": image]) }
            return text
        }
        if text == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        return text ?? ""
    }

    static func name(of failure: CertificateVerifier.ListFailure) -> String {
        switch failure {
        case .notThePinnedAuthority: "notPinned"
        case .trustList(.malformed), .revocations(.malformed): "malformed"
        case .trustList(.badSignature), .revocations(.badSignature): "badSignature"
        }
    }

    /// What a verifier reads: the verdict and its reason first, then who, the doses, and who signed.
    static func lines(_ result: CertificateVerifier.Verification, verifier: CertificateVerifier, pinned: Bool, messages: CommandMessages,
                      catalog: VaccineCatalog) -> [String] {
        var lines = [result.failure.map { messages.text("verifyInvalid", ["reason": reason($0, messages)]) }
            ?? messages.text("verifyValid")]
        if let claims = result.claims {
            let c = claims.certificate
            lines.append(messages.text("verifyName", [
                "name": [c.name.family, c.name.given].filter { !$0.isEmpty }.joined(separator: " "),
                "icao": [c.name.familyICAO, c.name.givenICAO].filter { !$0.isEmpty }.joined(separator: "<<"),
            ]))
            lines.append(messages.text("verifyBirth", ["date": c.birthDate]))
            for dose in c.vaccinations {
                let product = catalog.products.first { $0.certificate.product == dose.product }?.name ?? dose.product
                lines.append("  " + messages.text("verifyDose", [
                    "n": String(dose.doseNumber), "of": String(dose.seriesDoses), "product": product, "date": dose.date,
                    "country": dose.country,
                ]))
            }
            if let identifier = c.vaccinations.first?.identifier { lines.append(messages.text("verifyIdentifier", ["id": identifier])) }
            lines.append(messages.text("verifyDates", [
                "issued": LocalDay.shown(LocalDay.of(claims.issuedAt)), "until": LocalDay.shown(LocalDay.of(claims.expires)),
            ]))
        }
        if let signer = result.signer {
            lines.append(messages.text("verifySigner", ["site": signer.siteName, "code": signer.siteCode]))
        }
        lines.append(messages.text(pinned ? "verifyAuthorityPinned" : "verifyAuthority", ["fingerprint": verifier.authorityFingerprint]))
        return lines
    }

    static func reason(_ reason: CertificateVerifier.Reason, _ messages: CommandMessages) -> String {
        switch reason {
        case .malformed(let what): messages.text("verify.malformed", ["what": what])
        case .unknownSigner(let kid): messages.text("verify.unknownSigner", ["kid": kid])
        case .badSignature: messages.text("verify.badSignature")
        case .signerNotCertified: messages.text("verify.signerNotCertified")
        case .signerExpired(let date): messages.text("verify.signerExpired", ["date": LocalDay.shown(LocalDay.of(date))])
        case .expired(let date): messages.text("verify.expired", ["date": LocalDay.shown(LocalDay.of(date))])
        case .revoked(let identifier, let why): messages.text("verify.revoked", ["id": identifier, "why": why])
        }
    }
}
