import ArgumentParser
import Foundation
import Logging
import VaxCore
import VaxStore
import VaxSync

/// Where the centre is and the site's token: options, or the environment (`VAXDESK_CENTRAL_URL`,
/// `VAXDESK_CENTRAL_TOKEN`), or a token file readable by the site's account only.
struct CentralOptions: ParsableArguments {
    @Option(help: "The centre's FHIR base URL (default: $VAXDESK_CENTRAL_URL), e.g. https://central.example/fhir.")
    var central: String?

    @Option(help: "A file holding the site's token (default: $VAXDESK_CENTRAL_TOKEN).")
    var tokenFile: String?

    @Option(help: "Seconds to wait for the centre's answer to one Bundle.")
    var timeout: Double = 30

    @Flag(help: "Allow plain http:// to a centre that is not on this machine (records and token travel unencrypted).")
    var insecureHTTP = false

    /// Whether a centre is configured at all (a desk pushes only then).
    var isConfigured: Bool { !(central ?? ProcessInfo.processInfo.environment["VAXDESK_CENTRAL_URL"] ?? "").isEmpty }

    func transport(messages: CommandMessages) throws -> HTTPTransport {
        let environment = ProcessInfo.processInfo.environment
        guard let url = central ?? environment["VAXDESK_CENTRAL_URL"], !url.isEmpty else {
            throw messages.failure("syncNoCentral", [:])
        }
        if let components = URLComponents(string: url), components.scheme == "http", !insecureHTTP,
           !["127.0.0.1", "localhost", "::1", "[::1]"].contains(components.host ?? "") {
            throw messages.failure("syncPlainHTTP", ["url": url])
        }
        let token = try tokenFile.map { try Self.readToken($0, messages) } ?? environment["VAXDESK_CENTRAL_TOKEN"]
        guard let token = token?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            throw messages.failure("syncNoToken", [:])
        }
        return HTTPTransport(baseURL: url, token: token, timeout: timeout)
    }

    /// The token in `path`, refused when the file is readable by group or others.
    static func readToken(_ path: String, _ messages: CommandMessages) throws -> String {
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int else {
            throw messages.failure("syncNoTokenFile", ["path": path])
        }
        guard mode & 0o077 == 0 else {
            throw messages.failure("syncTokenFileOpen", ["path": path, "mode": String(mode, radix: 8)])
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Push the site's records to the central service (FHIR R4 batch Bundles).",
        discussion: """
            Runs until stopped (SIGTERM), pushing as records are confirmed; with --once, until the queue is \
            empty (exit status 1 if the centre could not be reached). One process at a time pushes: the \
            others wait for the lease. Each record is sent until the centre acknowledges it; one the centre \
            refuses is set aside for the site lead and the rest go on. As a systemd service:
              [Service]
              ExecStart=/usr/local/bin/vaxdesk sync --db /var/lib/vaxdesk/site.db --central https://central.example/fhir --token-file /etc/vaxdesk/token
              Restart=always
              User=vaxdesk
            """
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var centralOptions: CentralOptions

    @Flag(help: "Push what is queued and stop.")
    var once = false

    @Option(help: "Records per Bundle.")
    var batch = 500

    @Option(help: "The first retry's delay in seconds; it doubles with each failure in a row.")
    var retryBase: Double = 2

    @Option(help: "The longest delay between retries, in seconds.")
    var retryCap: Double = 600

    @Option(help: "Seconds between looks at an empty queue.")
    var idle: Double = 5

    @Flag(help: "Put the records the centre refused back in the queue first (site lead: give --by).")
    var requeueRefused = false

    @Option(help: "Your staff code, with --requeue-refused. Your PIN is asked for.")
    var by: String?

    @Flag(help: "Pull the site's catchment from the centre (its people and every dose other sites gave them) and stop.")
    var pull = false

    @Option(help: "Records per page of a pull.")
    var pullPage = 500

    @Option(help: "At most this many pages of a pull (the rest at the next).")
    var pullPages = Int.max

    @OptionGroup var backup: BackupOptions

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let transport = try centralOptions.transport(messages: messages)
        let database = try AppDatabase(path: site.databasePath)
        if requeueRefused {
            guard let by else { throw messages.failure("syncRequeueBy", [:]) }
            let lead = try ActingStaff.signIn(code: by, database, messages: messages)
            let count = try messages.refusing { try database.requeueQuarantined(by: lead.id, at: Date()) }
            print(messages.text("syncRequeued", ["n": String(count)]))
        }
        FileLogHandler.bootstrap(path: (site.databasePath as NSString).deletingLastPathComponent + "/vaxdesk.log")
        let logger = Logger(label: "vaxdesk.sync")
        if pull {
            let puller = Puller(database: database, transport: transport, pageSize: max(1, pullPage))
            let pulled: Puller.Outcome
            do { pulled = try puller.pull(maxPages: max(1, pullPages)) } catch {
                logger.warning("pull failed", metadata: ["error": "\(error)"])
                throw messages.failure("pullFailed", ["reason": Pusher.describe(error)])
            }
            logger.info("pulled", metadata: ["pages": "\(pulled.pages)", "people": "\(pulled.people)", "doses": "\(pulled.doses)"])
            print(messages.text("pulled", ["pages": String(pulled.pages), "people": String(pulled.people), "doses": String(pulled.doses)]))
            if let registrations = pulled.registrations {
                print(messages.text("pulledRegistrations", ["n": String(registrations)]))
            } else if let why = pulled.registrationsFailed {
                print(messages.text("pulledNoRegistrations", ["reason": why]))
            }
            return
        }
        let resources = try LoadedResources(language: site.language)
        let timeZone = (try database.site()).flatMap { TimeZone(identifier: $0.timeZoneIdentifier) } ?? LocalDay.vietnam
        let pusher = Pusher(
            database: database, transport: transport, mapping: FHIRMapping(catalog: resources.catalog, timeZone: timeZone),
            batchSize: max(1, batch), backoff: Backoff(base: retryBase, cap: retryCap))
        let stop = StopSignal()
        let backups = backup.start(database)
        defer { backups?.stop() }
        // Beside pushing, as a service (not with --once): the trust and revocation lists, for the check-in
        // desk to verify certificates from elsewhere, every hour; and the catchment, for the doses people
        // had elsewhere, every ten minutes. Only after a round that reached the centre (or found nothing
        // to send): a centre that does not answer is not asked again while pushing waits on it.
        let lists = Periodic(every: 3600) { SignedLists.refresh(transport, database, messages, logger) }
        let catchment = Periodic(every: 600) {
            do {
                let pulled = try Puller(database: database, transport: transport, pageSize: max(1, pullPage)).pull()
                logger.info("pulled", metadata: ["people": "\(pulled.people)", "doses": "\(pulled.doses)"])
            } catch {
                logger.warning("pull failed", metadata: ["error": "\(error)"])
            }
        }
        let last = try pusher.run(once: once, idlePause: idle, shouldStop: stop.requested) { round in
            let reachedCentre: Bool
            switch round {
            case .pushed(let sent, let quarantined, let retried, let local):
                logger.info("pushed", metadata: ["sent": "\(sent)", "quarantined": "\(quarantined)", "retried": "\(retried)"])
                print(messages.text("syncPushed", ["sent": String(sent), "refused": String(quarantined),
                                                   "retry": String(retried), "local": String(local)]))
                reachedCentre = true
            case .failed(let message, let wait):
                logger.warning("push failed", metadata: ["error": "\(message)"])
                print(messages.text("syncFailed", ["message": messages.strings.syncError(message),
                                                   "seconds": String(Int(wait.rounded(.up)))]))
                reachedCentre = false
            case .idle:
                reachedCentre = true
            case .leaseHeld:
                reachedCentre = false
            }
            fflush(nil)
            if reachedCentre, !once { for periodic in [lists, catchment] { periodic.runIfDue() } }
        }
        if case .leaseHeld = last { print(messages.text("syncLeaseHeld", [:])) }
        let status = try database.syncStatus()
        print(messages.text("syncStatus", ["pending": String(status.pending), "refused": String(status.quarantined)]))
        if once, case .failed = last { throw ExitCode(1) }
    }
}

/// SIGTERM or SIGINT asks a headless loop to stop after the round under way.
final class StopSignal: @unchecked Sendable {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    init() {
        signal(SIGTERM) { _ in StopSignal.flag = 1 }
        signal(SIGINT) { _ in StopSignal.flag = 1 }
    }

    func requested() -> Bool { Self.flag != 0 }
}
