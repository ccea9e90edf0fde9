import ArgumentParser
import Foundation
import VaxCentral
import VaxCore

/// `vaxdesk-central signing`: the national signing authority (CSCA) and the sites' document signers.
struct SigningCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signing",
        abstract: "The signing authority of certificates and the document signers it issued to sites.",
        discussion: """
            `init` makes the authority once: its key in --key-file (0600; keep it and a copy offline: \
            without it no site gets a new signing certificate and no list is signed), its certificate in the \
            database. `serve --signing-key FILE` then issues a site its signing certificate when the site asks \
            (POST /signing/certificate, the site's token) and publishes GET /trust-list and GET /revocations. \
            `issue` does the same without the network, from a request file a site brought.
            """,
        subcommands: [SigningInit.self, SigningIssue.self, SigningList.self, SigningRevoke.self])
}

struct SigningInit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Make the signing authority (once): its key file and its certificate.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Where to write the authority's private key (0600). Never overwritten.")
    var keyFile: String

    @Option(help: "The authority's name, as its certificate says it.")
    var name = "Bộ Y tế Việt Nam"

    @Option(help: "Also write the authority's certificate (PEM) here, for verifiers to pin.")
    var certificateOut: String?

    func run() async throws {
        let (keyFile, name, out) = (keyFile, name, certificateOut)
        let signing = try await store.withStorage { storage in
            do { return try await CentralSigning.initialise(name: name, keyFile: keyFile, store: storage, at: Date()) } catch let problem as CentralSigning.Problem {
                throw CentralFailure(problem.description)
            }
        }
        let pem = try signing.authorityPEM
        if let out, !FileManager.default.createFile(atPath: out, contents: Data(pem.utf8)) { throw CentralFailure("cannot write \(out)") }
        print("signing authority made: key in \(keyFile) (0600), certificate in the database"
            + (out.map { " and in \($0)" } ?? ""))
        print("fingerprint (SHA-256): \(signing.authorityFingerprint)")
    }
}

struct SigningIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issue a site its signing certificate from its request file (no network needed).")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The site's name, as `site add` registered it.")
    var site: String

    @Option(help: "The site's request (PEM), from `vaxdesk signing request`.")
    var request: String

    @Option(help: "The authority's key file.")
    var signingKey: String

    @Option(help: "Write the certificate here instead of printing it.")
    var out: String?

    func run() async throws {
        guard let pem = try? String(contentsOfFile: request, encoding: .utf8) else { throw CentralFailure("cannot read \(request)") }
        let (site, key) = (site, signingKey)
        let certificate = try await store.withStorage { storage in
            guard let found = try await storage.sites().first(where: { $0.name == site }) else {
                throw CentralFailure("no site named \(site) (vaxdesk-central site list)")
            }
            do {
                let signing = try await CentralSigning.load(keyFile: key, store: storage)
                return try await signing.issue(requestPEM: pem, siteID: found.id, siteName: found.name, store: storage, at: Date())
            } catch let problem as CentralSigning.Problem {
                throw CentralFailure(problem.description)
            }
        }
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(certificate.utf8)) else { throw CentralFailure("cannot write \(out)") }
            print("signing certificate for \(site) written to \(out): install it with `vaxdesk signing install \(out)`")
        } else {
            print(certificate, terminator: "")
        }
    }
}

struct SigningList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The document signers issued: kid, site, issued, valid until, revoked (UTC).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let formatter = ISO8601DateFormatter()
        for signer in try await store.withStorage({ try await $0.documentSigners() }) {
            print([signer.kid, signer.siteName, formatter.string(from: signer.issuedAt), formatter.string(from: signer.notAfter),
                   signer.revokedAt.map { "revoked " + formatter.string(from: $0) } ?? "valid"]
                .map(Printable.text).joined(separator: "\t"))
        }
    }
}

struct SigningRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Take a site's signing certificate off the trust list (its key lost or stolen): every certificate it signed stops verifying.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The signer's kid (hex), from `signing list`.")
    var kid: String

    func run() async throws {
        let kid = kid.lowercased()
        guard try await store.withStorage({ try await $0.revokeDocumentSigner(kid: kid, at: Date()) }) else {
            throw CentralFailure("no standing signer with kid \(kid) (vaxdesk-central signing list)")
        }
        print("signer \(kid) revoked: it is off the trust list from now on. The site asks for a new one (vaxdesk signing request).")
    }
}
