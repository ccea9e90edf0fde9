import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import VaxCentral
import VaxCore
import VaxResources

@main
struct VaxDeskCentral: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vaxdesk-central",
        abstract: "The reference central immunization service: FHIR R4 ingest from the sites, searches, reports.",
        subcommands: [Serve.self, SiteCommand.self, OfficerCommand.self, TargetsCommand.self, ReportsCommand.self, AccessLogCommand.self, ProposalsCommand.self, AuditHeadsCommand.self,
                      SigningCommand.self],
        defaultSubcommand: Serve.self
    )
}

struct StoreOptions: ParsableArguments {
    @Option(help: "The centre's SQLite database.")
    var db: String = "central.db"

    @Option(help: "Store in PostgreSQL instead: postgres://USER@HOST[:PORT]/DATABASE (also $VAXDESK_CENTRAL_POSTGRES). No password here: it would show in `ps`.")
    var postgres: String?

    @Option(help: "A file holding the PostgreSQL password (mode 0600); or set $PGPASSWORD.")
    var postgresPasswordFile: String?

    /// The PostgreSQL URL with its password, from the option or the environment, or nil for SQLite.
    func postgresURL() throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let postgres, URLComponents(string: postgres)?.password != nil {
            throw ValidationError("--postgres must not hold a password (it shows in `ps` to every user): "
                + "put it in a file given with --postgres-password-file, or in $PGPASSWORD")
        }
        guard var components = (postgres ?? environment["VAXDESK_CENTRAL_POSTGRES"]).flatMap(URLComponents.init(string:)) else {
            return nil
        }
        if components.password == nil {
            if let file = postgresPasswordFile {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw ValidationError("cannot read the password file \(file)")
                }
                components.password = text.trimmingCharacters(in: .whitespacesAndNewlines)
            } else if let password = environment["PGPASSWORD"] {
                components.password = password
            }
        }
        return components.string
    }

    /// Runs `body` with the storage ready (a PostgreSQL client running for as long as it takes).
    func withStorage<T: Sendable>(_ body: @escaping @Sendable (any CentralStorage) async throws -> T) async throws -> T {
        guard let postgres = try postgresURL() else {
            let store = try CentralStore(path: db)
            return try await body(store)
        }
        let store = try PostgresCentralStore(url: postgres)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await store.client.run()
                return nil
            }
            try await store.migrate()
            let result = try await body(store)
            group.cancelAll()
            return result
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the FHIR API over HTTP.",
        discussion: """
            Plain HTTP on the address given: put it behind a TLS-terminating reverse proxy (nginx, Caddy) \
            for anything but loopback. Prints `listening on http://HOST:PORT` once it takes requests \
            (--port 0 picks a free port).
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "Requests a second each site may send (0: no limit); bursts of twice as many.")
    var rateLimit: Double = 20

    @Option(help: "Seconds a connection may stay open without a whole request head (a half-open or slow client is cut off).")
    var idleTimeout = RequestBounds.defaultIdleTimeout

    @Option(help: "The signing authority's key file (from `signing init`, mode 0600): with it, the centre issues sites' signing certificates and publishes the trust and revocation lists.")
    var signingKey: String?

    func validate() throws {
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be more than 0 seconds") }
    }

    func run() async throws {
        var logger = Logger(label: "vaxdesk-central")
        logger.logLevel = .warning
        let storage: any CentralStorage
        var services: [any Service] = []
        if let url = try store.postgresURL() {
            let postgres = try PostgresCentralStore(url: url)
            services.append(postgres.client)
            storage = postgres
        } else {
            storage = try CentralStore(path: store.db)
        }
        // The codes of the shipped catalog, and the one a paper record of an unknown product carries.
        let catalog = try VaccineCatalog(json: VaxResources.data("vaccines.json"))
        let signing = SigningHolder()
        let provinces = try ProvinceCodes(json: VaxResources.data("provinces.json"))
        let router = CentralService.buildRouter(store: storage, limiter: RateLimiter(rate: rateLimit),
                                                vaccineCodes: Set(catalog.products.map(\.code) + ["covid-19"]),
                                                signing: signing,
                                                registrations: RegistrationRules(provinces: provinces, catalog: catalog),
                                                reports: ReportSettings(catalog: catalog, provinces: provinces, strings: try Language.allCases.map {
                                                    try Strings(language: $0, json: VaxResources.data("strings/\($0.rawValue).json"))
                                                }))
        let host = self.host
        var app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(idleTimeout * 1000)))),
            configuration: .init(address: .hostname(host, port: port), serverName: "vaxdesk-central"),
            services: services,
            onServerRunning: { channel in
                print("listening on http://\(host):\(channel.localAddress?.port ?? 0)")
                fflush(nil)
            },
            logger: logger)
        let signingKey = self.signingKey
        app.beforeServerStarts {
            try await storage.migrate()
            // Patients stored by an earlier version get the key the duplicates queue reads, while the
            // centre already answers (a large centre's take a while).
            Task { _ = try? await storage.completeMatchKeys() }
            // The reports' counts follow the order of changes, a few seconds behind at most (a report
            // asked brings them up to date first); facts an earlier version did not keep are read
            // from the stored records once, then everything is counted again.
            Task {
                if (try? await storage.completeReportFacts()) ?? 0 > 0 { _ = try? await storage.rebuildReports() }
                while !Task.isCancelled {
                    _ = try? await storage.refreshReports()
                    try? await Task.sleep(for: .seconds(5))
                }
            }
            // A key given that cannot be used stops the service: it would otherwise run without signing.
            if let signingKey { await signing.set(try await CentralSigning.load(keyFile: signingKey, store: storage)) }
        }
        try await app.runService()
    }
}

struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "The sites that may send records.",
        subcommands: [SiteAdd.self, SiteList.self, TokenRotate.self, TokenRevoke.self])
}

struct SiteAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a site and print its token, once: only its hash is kept.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The site's name (its code, e.g. 91-RG-VTV).")
    var name: String

    @Option(help: "The code of the site's province (e.g. 91): officers of the province read its records.")
    var province: String?

    @Option(help: "The code of the site's district (e.g. 899).")
    var district: String?

    @Option(help: "The code of the site's commune (e.g. 30280): the dashboard goes down from district to commune to site.")
    var commune: String?

    func run() async throws {
        let (name, province, district, commune) = (name, province, district, commune)
        print(try await store.withStorage {
            try await $0.addSite(name: name, province: province, district: district, commune: commune)
        })
    }
}

struct SiteList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The sites, by name.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        for site in try await store.withStorage({ try await $0.sites().map { "\($0.id)  \($0.name)" } }) { print(site) }
    }
}

struct TokenRotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate", abstract: "Give a site (or an officer) a new token, printed once; the old one stops working.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The site's or officer's name.")
    var name: String

    func run() async throws {
        let name = self.name
        guard let token = try await store.withStorage({ try await $0.rotateToken(of: name) }) else {
            throw CentralFailure("nobody is called \(name) here")
        }
        print(token)
    }
}

struct TokenRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Stop a site's (or an officer's) token at once; `rotate` gives a new one.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The site's or officer's name.")
    var name: String

    func run() async throws {
        let name = self.name
        guard try await store.withStorage({ try await $0.revokeToken(of: name) }) else {
            throw CentralFailure("nobody is called \(name) here")
        }
        print("revoked: \(name)")
    }
}

struct OfficerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officer", abstract: "Read-only accounts of province, district and national officers.",
        subcommands: [OfficerAdd.self, OfficerList.self, TokenRotate.self, TokenRevoke.self])
}

struct OfficerAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an officer and print their token, once: they read the records and reports of their area.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The officer's name (unique), e.g. \"CDC Kiên Giang - Trần Văn An\".")
    var name: String

    @Option(help: "Reads the sites of this province (its code, e.g. 91).")
    var province: String?

    @Option(help: "Reads the sites of this district (its code).")
    var district: String?

    @Flag(help: "Reads every site.")
    var national = false

    func validate() throws {
        guard [province != nil, district != nil, national].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --province, --district, --national")
        }
    }

    func run() async throws {
        let name = self.name
        let area: Area = national ? .national : province.map(Area.province) ?? .district(district ?? "")
        print(try await store.withStorage { try await $0.addOfficer(name: name, area: area) })
    }
}

struct OfficerList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The officers, by name, with their area.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        for officer in try await store.withStorage({ try await $0.officers() }) {
            print("\(officer.id)  \(officer.name)  \(officer.area)\(officer.revoked ? "  (revoked)" : "")")
        }
    }
}

struct AccessLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-log", abstract: "Who read what at the centre, newest first: time (UTC), who, what, the query, how many records.")

    @OptionGroup var store: StoreOptions

    @Option(help: "At most this many reads.")
    var limit = 100

    @Option(help: "Only reads by principals whose name contains this.")
    var who: String?

    func run() async throws {
        let (limit, who) = (limit, who)
        let formatter = ISO8601DateFormatter()
        for entry in try await store.withStorage({ try await $0.accessLog(limit: limit, who: who) }) {
            let what = [entry.action, entry.resourceType].compactMap { $0 }.joined(separator: " ")
            print([formatter.string(from: entry.at), entry.principal, what, entry.query ?? "", "\(entry.count)"]
                .map(Printable.text).joined(separator: "\t"))
        }
    }
}

struct ProposalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposals",
        abstract: "Other sites' changes to people, kept beside the records for review: record, site, base version, received (UTC).")

    @OptionGroup var store: StoreOptions

    @Option(help: "At most this many.")
    var limit = 100

    func run() async throws {
        let limit = self.limit
        let formatter = ISO8601DateFormatter()
        for proposal in try await store.withStorage({ try await $0.proposals(limit: limit) }) {
            print([proposal.reference, proposal.site, "version \(proposal.baseVersion)", formatter.string(from: proposal.receivedAt)]
                .map(Printable.text).joined(separator: "\t"))
        }
    }
}

/// A refusal of a command: the message, exit 1, no usage text.
struct CentralFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
