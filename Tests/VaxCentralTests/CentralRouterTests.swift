import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import VaxCentral
import VaxCore

/// The centre's routes in-process, every case on both storages: what is open, what needs a token,
/// and what a Bundle entry is answered.
@Suite("The centre's router", .serialized)
struct CentralRouterTests {
    enum Storage: String, CaseIterable, Sendable { case sqlite, postgres }

    /// Runs `body` with a store of `storage` (a PostgreSQL server of the test's own for `.postgres`) and
    /// a site's token.
    static func withStore(
        _ storage: Storage, _ body: @escaping @Sendable (any CentralStorage, String) async throws -> Void
    ) async throws {
        switch storage {
        case .sqlite:
            let directory = TemporaryDirectory("central-router")
            let store = try CentralStore(path: directory.file("central.db"))
            try await body(store, try await store.addSite(name: "91-RG-VTV"))
        case .postgres:
            let server = try PostgresServer()
            let store = try PostgresCentralStore(url: server.url)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await store.client.run() }
                try await store.migrate()
                try await body(store, try await store.addSite(name: "91-RG-VTV"))
                group.cancelAll()
            }
        }
    }

    static func app(_ store: any CentralStorage) -> some ApplicationProtocol {
        Application(router: CentralService.buildRouter(store: store, limiter: RateLimiter(rate: 0)))
    }

    static let patient = #"""
        {"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"PUT","url":"Patient/5d0c1f9e-7a43-4f8e-9a57-1d1f0b6a2c01"},
        "resource":{"resourceType":"Patient","id":"5d0c1f9e-7a43-4f8e-9a57-1d1f0b6a2c01","gender":"male","birthDate":"1985-03-07",
        "name":[{"text":"Nguyễn Văn Đức","family":"Nguyễn","given":["Văn","Đức"]}]}}]}
        """#

    @Test("health and metadata are open to all", arguments: Storage.allCases)
    func open(storage: Storage) async throws {
        try await Self.withStore(storage) { store, _ in
            try await Self.app(store).test(.router) { client in
                try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/fhir/metadata", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("CapabilityStatement"))
                }
            }
        }
    }

    /// Every route behind the authenticator, without a token and with a forged one.
    @Test("every other route refuses a request without a valid site token", arguments: Storage.allCases)
    func tokenRequired(storage: Storage) async throws {
        let routes: [(String, HTTPRequest.Method)] = [
            ("/fhir", .post), ("/fhir/Patient", .get), ("/fhir/Immunization?patient=x", .get), ("/fhir/Patient/x", .get),
            ("/reports/doses", .get), ("/reports/vaccine-use", .get), ("/reports/adverse-events", .get),
        ]
        try await Self.withStore(storage) { store, token in
            let site = token.split(separator: ".")[0]
            try await Self.app(store).test(.router) { client in
                for (uri, method) in routes {
                    for header in [nil, "Bearer \(site).forged", "Bearer nonsense"] {
                        var headers = HTTPFields()
                        if let header { headers[.authorization] = header }
                        try await client.execute(uri: uri, method: method, headers: headers) { response in
                            #expect(response.status == .unauthorized, "\(method) \(uri) with \(header ?? "no token")")
                        }
                    }
                }
            }
        }
    }

    @Test("a Patient is created, then answered unchanged; searches and reports answer the site", arguments: Storage.allCases)
    func ingestAndRead(storage: Storage) async throws {
        try await Self.withStore(storage) { store, token in
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/fhir+json"]
            try await Self.app(store).test(.router) { client in
                for expected in ["201 Created", "200 OK"] {
                    try await client.execute(uri: "/fhir", method: .post, headers: headers, body: ByteBuffer(string: Self.patient)) { response in
                        #expect(response.status == .ok)
                        let answer = try JSONDecoder().decode(FHIRBundle.self, from: Data(buffer: response.body))
                        #expect(answer.entry?.first?.response?.status == expected)
                    }
                }
                try await client.execute(uri: "/fhir/Patient?_summary=count", method: .get, headers: headers) { response in
                    #expect(String(buffer: response.body).contains(#""total":1"#))
                }
                try await client.execute(uri: "/fhir/Patient/5d0c1f9e-7a43-4f8e-9a57-1d1f0b6a2c01", method: .get, headers: headers) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("Nguyễn Văn Đức"))
                }
                for report in ["doses", "vaccine-use", "adverse-events"] {
                    try await client.execute(uri: "/reports/\(report)", method: .get, headers: headers) { response in
                        #expect(response.status == .ok)
                        #expect(String(buffer: response.body).hasPrefix("["))
                    }
                }
                try await client.execute(uri: "/fhir/Observation", method: .get, headers: headers) { #expect($0.status == .notFound) }
            }
        }
    }
}
