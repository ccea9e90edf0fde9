import ArgumentParser
import Foundation
import Logging
import VaxCert
import VaxCore
import VaxStore
import VaxSync

/// `vaxdesk signing lists`: the centre's trust and revocation lists kept at the site, so that the
/// check-in desk verifies a certificate from anywhere with no network.
struct SigningListsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lists",
        abstract: "Keep the centre's trust and revocation lists at the site: fetched from the centre, or from files.",
        discussion: """
            `vaxdesk sync` fetches them too, when it starts and every hour. Each list is checked against the \
            signing authority it names before it is kept.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var centre: CentralOptions

    @Option(name: .customLong("trust-list"), help: "The trust list file (from GET /trust-list), instead of the centre.")
    var trustList: String?

    @Option(help: "The revocation list file (from GET /revocations).")
    var revocations: String?

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let lists: (trust: Data, revocations: Data?)
        if let trustList {
            lists = (try messages.contents(of: trustList), try revocations.map(messages.contents(of:)))
        } else {
            let transport = try centre.transport(messages: messages)
            do { lists = try SignedLists.fetch(transport) } catch {
                throw messages.failure("signingListsUnreachable", ["reason": Pusher.describe(error)])
            }
        }
        let signers = try SignedLists.keep(lists, in: database, messages: messages)
        print(messages.text("signingListsKept", ["n": String(signers)]))
    }
}

/// Fetching and keeping the centre's signed lists.
enum SignedLists {
    static func fetch(_ transport: HTTPTransport) throws -> (trust: Data, revocations: Data?) {
        (try transport.signedList("trust-list"), try transport.signedList("revocations"))
    }

    /// Keeps the lists once they verify (the revocation list against the trust list's authority);
    /// answers how many signers the trust list names.
    @discardableResult
    static func keep(_ lists: (trust: Data, revocations: Data?), in database: AppDatabase, messages: CommandMessages) throws -> Int {
        let verifier: CertificateVerifier
        do { verifier = try CertificateVerifier(trustList: lists.trust, revocations: lists.revocations) } catch let failure as CertificateVerifier.ListFailure {
            throw messages.failure("verifyListRefused", ["reason": messages.text("verifyList.\(VerifyCertificateCommand.name(of: failure))")])
        }
        let now = Date()
        try database.savePublishedList(.trustList, lists.trust, at: now)
        if let revocations = lists.revocations { try database.savePublishedList(.revocations, revocations, at: now) }
        return verifier.trustList.signers.count
    }

    /// Fetches and keeps the lists; a failure is logged (the pusher's loop tries again later).
    static func refresh(_ transport: HTTPTransport, _ database: AppDatabase, _ messages: CommandMessages, _ logger: Logger) {
        do {
            let signers = try keep(try fetch(transport), in: database, messages: messages)
            logger.info("signed lists kept", metadata: ["signers": "\(signers)"])
        } catch {
            logger.warning("signed lists not fetched", metadata: ["error": "\(error)"])
        }
    }
}

/// Work the pusher's loop does now and then beside pushing: at its first round, then once `interval`
/// has passed since the last time.
final class Periodic: @unchecked Sendable {
    private var last: Date?
    let interval: TimeInterval
    let work: () -> Void

    init(every interval: TimeInterval, _ work: @escaping () -> Void) {
        self.interval = interval
        self.work = work
    }

    func runIfDue(at now: Date = Date()) {
        if let last, now.timeIntervalSince(last) < interval { return }
        last = now
        work()
    }
}
