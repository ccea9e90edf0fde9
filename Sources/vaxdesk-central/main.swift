import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import VaxCentral

@main
struct VaxDeskCentral: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vaxdesk-central",
        abstract: "The reference central immunization service: FHIR R4 ingest from the sites, searches, reports.",
        subcommands: [Serve.self, SiteCommand.self],
        defaultSubcommand: Serve.self
    )
}

struct StoreOptions: ParsableArguments {
    @Option(help: "The centre's SQLite database.")
    var db: String = "central.db"

    @Option(help: "Store in PostgreSQL instead: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (also $VAXDESK_CENTRAL_POSTGRES).")
    var postgres: String? = ProcessInfo.processInfo.environment["VAXDESK_CENTRAL_POSTGRES"]

    /// Runs `body` with the storage ready (a PostgreSQL client running for as long as it takes).
    func withStorage<T: Sendable>(_ body: @escaping @Sendable (any CentralStorage) async throws -> T) async throws -> T {
        guard let postgres else {
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

    func run() async throws {
        var logger = Logger(label: "vaxdesk-central")
        logger.logLevel = .warning
        let storage: any CentralStorage
        var services: [any Service] = []
        if let url = store.postgres {
            let postgres = try PostgresCentralStore(url: url)
            services.append(postgres.client)
            storage = postgres
        } else {
            storage = try CentralStore(path: store.db)
        }
        let router = CentralService.buildRouter(store: storage, limiter: RateLimiter(rate: rateLimit))
        let host = self.host
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "vaxdesk-central"),
            services: services,
            onServerRunning: { channel in
                print("listening on http://\(host):\(channel.localAddress?.port ?? 0)")
                fflush(nil)
            },
            logger: logger)
        app.beforeServerStarts { try await storage.migrate() }
        try await app.runService()
    }
}

struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "The sites that may send records.", subcommands: [SiteAdd.self, SiteList.self])
}

struct SiteAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a site and print its token, once: only its hash is kept.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The site's name (its code, e.g. 91-RG-VTV).")
    var name: String

    func run() async throws {
        let name = self.name
        print(try await store.withStorage { try await $0.addSite(name: name) })
    }
}

struct SiteList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The sites, by name.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        for site in try await store.withStorage({ try await $0.sites().map { "\($0.id)  \($0.name)" } }) { print(site) }
    }
}
