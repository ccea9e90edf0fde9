import ArgumentParser
import Foundation
import Hummingbird
import Logging
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
        let store = try CentralStore(path: self.store.db)
        let router = CentralService.router(store: store, limiter: RateLimiter(rate: rateLimit))
        var logger = Logger(label: "vaxdesk-central")
        logger.logLevel = .warning
        let host = self.host
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "vaxdesk-central"),
            onServerRunning: { channel in
                print("listening on http://\(host):\(channel.localAddress?.port ?? 0)")
                fflush(nil)
            },
            logger: logger)
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
        let token = try CentralStore(path: store.db).addSite(name: name)
        print(token)
    }
}

struct SiteList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The sites, by name.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        for site in try CentralStore(path: store.db).sites() { print("\(site.id)  \(site.name)") }
    }
}
