import Foundation
import Testing
import TestSupport
import VaxStore
import VaxSync

/// The pusher sends the site's records and token to the address it was given, and nowhere else.
@Suite("The pusher follows no redirect")
struct PusherRedirectTests {
    @Test("a 307 to another address is an error naming it: nothing reaches that address, the records wait")
    func redirectRefused() async throws {
        let directory = TemporaryDirectory("sync-redirect")
        let path = try SyncTests.simulatedSite(directory, people: 20)
        let central = try CentralServer(in: directory)
        try central.start()
        defer { central.stop() }
        // Where the redirect points: it would pass the Bundle (and the token) on, and counts what came.
        let elsewhere = FaultProxy(faults: [])
        try await elsewhere.start(upstream: central.baseURL)
        defer { elsewhere.stop() }
        let hijacked = FaultProxy(faults: [.redirect(to: elsewhere.baseURL + "/fhir")])
        try await hijacked.start(upstream: central.baseURL)
        defer { hijacked.stop() }

        let database = try AppDatabase(path: path)
        let pusher = Pusher(database: database, transport: HTTPTransport(baseURL: hijacked.baseURL + "/fhir", token: central.token),
                            mapping: SyncTests.mapping(), backoff: Backoff(base: 0.05, cap: 0.1))
        let round = try await SyncTests.pushing { try pusher.pushOnce() }
        pusher.releaseLease()
        guard case .failed(let message, _) = round else {
            Issue.record("the round did not fail: \(round)")
            return
        }
        #expect(message.contains("HTTP 307") && message.contains(elsewhere.baseURL) && message.contains("not followed"), "\(message)")
        #expect(hijacked.applied == [.redirect(to: elsewhere.baseURL + "/fhir")])
        #expect(elsewhere.applied.isEmpty, "nothing was sent where the redirect pointed")
        #expect(try await SyncTests.count(central, "Immunization") == 0)
        // Every record waited: sent to the centre itself, they all arrive.
        #expect(try database.pendingOutboxCount() > 0)
        try await RestoreThroughCentreTests.pushAll(path, central)
        #expect(try await SyncTests.count(central, "Immunization") == (try SyncTests.immunizationRecords(path)))
    }
}
