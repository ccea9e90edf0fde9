import ArgumentParser
import Crypto
import Foundation
import VaxCert
import VaxCore
import VaxStore
import VaxSync
import X509

/// The site's document-signing certificate (DSC): the key made here, the certificate the centre issues.
struct SigningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signing",
        abstract: "The site's certificate signing: ask the centre for a signing certificate, install it, show it.",
        discussion: """
            A site signs its vaccination certificates itself, with no network: with a key that never leaves the \
            site machine (site.db.signing-key beside the database, readable by its owner only, copied beside \
            every backup) and the document-signing certificate the centre's signing authority issued for it. \
            `request` makes the key (once) and writes the request to send to the centre; `install` puts the \
            certificate the centre sent back in the database.
            """,
        subcommands: [SigningRequestCommand.self, SigningInstallCommand.self, SigningStatusCommand.self, SigningListsCommand.self]
    )
}

struct SigningRequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Make the signing key (once) and ask the centre for a signing certificate (site lead).",
        discussion: """
            With --send, the request goes to the centre (--central and the site's token, as for sync) and the             certificate it issues is installed at once. Without, the request (PEM) is written to --out or             printed, for the centre to issue offline (vaxdesk-central signing issue), and installed with             `vaxdesk signing install FILE`.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var staff: ActingStaff
    @OptionGroup var centre: CentralOptions

    @Option(help: "Write the request to this file instead of standard output.")
    var out: String?

    @Flag(help: "Send the request to the centre and install the certificate it issues.")
    var send = false

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let member = try staff.signIn(database, messages: messages, for: .manageSigning)
        guard let siteRecord = try database.site() else { throw messages.failure("noSite", ["path": site.databasePath]) }
        let key = try SigningKeyFile.loadOrCreate(beside: database.path)
        let request = try DocumentSigner.request(for: key, site: siteRecord.name)
        let pem = try request.serializeAsPEM().pemString + "\n"
        try database.recordSignerRequested(by: member.id, at: Date())
        if send {
            let transport = try centre.transport(messages: messages)
            let answer: String
            do { answer = try transport.requestSigningCertificate(pem) } catch {
                throw messages.failure("signingCentreRefused", ["reason": Pusher.describe(error)])
            }
            guard let certificate = try? X509.Certificate(pemEncoded: answer) else {
                throw messages.failure("signingCentreRefused", ["reason": answer])
            }
            try SignerInstallation.install(certificate, from: centre.central ?? "", database: database, by: member,
                                           messages: messages)
        } else if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(pem.utf8)) else {
                throw messages.failure("fileUnwritable", ["path": out])
            }
            print(messages.text("signingRequestWritten", ["path": out, "key": SigningKeyFile.path(beside: database.path)]))
        } else {
            print(pem, terminator: "")
        }
    }
}

struct SigningInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the document-signing certificate the centre issued for this site (site lead).")

    @OptionGroup var site: SiteOptions
    @OptionGroup var staff: ActingStaff

    @Argument(help: "The certificate (PEM or DER) the centre sent.")
    var file: String

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let member = try staff.signIn(database, messages: messages, for: .manageSigning)
        try SignerInstallation.install(try SignerFile.read(file, messages: messages), from: file, database: database,
                                       by: member, messages: messages)
    }
}

/// Puts a document-signing certificate in the database, once it is known to be for this site's key
/// and still valid.
enum SignerInstallation {
    static func install(_ certificate: X509.Certificate, from source: String, database: AppDatabase, by member: Staff,
                        messages: CommandMessages) throws {
        guard let key = try SigningKeyFile.load(beside: database.path) else {
            throw messages.failure("signingNoKey", ["file": SigningKeyFile.path(beside: database.path)])
        }
        // The certificate must be for this site's own key: one made for another key could sign nothing.
        let signer: DocumentSigner
        do { signer = try DocumentSigner(certificate: certificate, key: key) } catch {
            throw messages.failure("signingWrongKey", ["file": source])
        }
        let now = Date()
        guard now < certificate.notValidAfter else {
            throw messages.failure("signingExpired", ["date": LocalDay.shown(LocalDay.of(certificate.notValidAfter))])
        }
        let stored = StoredDocumentSigner(
            kid: signer.kid.hex, certificate: try certificate.derBytes, subject: certificate.subject.description,
            notBefore: certificate.notValidBefore, notAfter: certificate.notValidAfter, installedAt: now)
        try database.installDocumentSigner(stored, by: member.id, at: now)
        print(messages.text("signingInstalled", [
            "kid": stored.kid, "subject": stored.subject, "until": LocalDay.shown(LocalDay.of(stored.notAfter)),
        ]))
    }
}

struct SigningStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Whether this site can sign certificates: its signing certificate, until when, and its key.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try site.openForReading(messages)
        let keyFile = SigningKeyFile.path(beside: database.path)
        let hasKey = (try? SigningKeyFile.load(beside: database.path)) != nil
        guard let signer = try database.documentSigner() else {
            print(messages.text(hasKey ? "signingRequested" : "signingNone"))
            throw ExitCode(1)
        }
        print(messages.text("signingStatus", [
            "kid": signer.kid, "subject": signer.subject, "until": LocalDay.shown(LocalDay.of(signer.notAfter)),
            "key": hasKey ? keyFile : messages.text("signingKeyMissing", ["file": keyFile]),
        ]))
        if !hasKey || signer.notAfter <= Date() { throw ExitCode(1) }
    }
}

/// A certificate file as the centre sends it: PEM, or DER.
enum SignerFile {
    static func read(_ path: String, messages: CommandMessages) throws -> X509.Certificate {
        let data = try messages.contents(of: path)
        if let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN"),
           let certificate = try? X509.Certificate(pemEncoded: text)
        {
            return certificate
        }
        guard let certificate = try? X509.Certificate(derEncoded: Array(data)) else {
            throw messages.failure("notACertificate", ["path": path])
        }
        return certificate
    }
}
