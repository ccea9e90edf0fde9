import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TestSupport
import VaxCentral
import VaxCore
import VaxStore
import VaxSync

/// The pusher against the real central service over loopback, directly and through a proxy that drops,
/// duplicates, reorders and refuses requests.
@Suite("Sync with the central service", .serialized)
struct SyncTests {
    static let catalog = try! VaccineCatalog(json: Data(contentsOf: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/data/vaccines.json")))

    static func mapping() -> FHIRMapping { FHIRMapping(catalog: catalog, timeZone: LocalDay.vietnam) }

    /// A site whose day was simulated: check-ins, screenings (some deferrals), injections, vials, discharges.
    static func simulatedSite(_ directory: TemporaryDirectory, people: Int = 300) throws -> String {
        let path = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", path, "--people", String(people), "--setup-only"]).status == 0)
        #expect(try BuiltProgram.run(["simulate", "--db", path, "--desks", "2", "--people", String(people), "--seed", "11"]).status == 0)
        return path
    }

    /// The records that become an Immunization at the centre: injections, screenings that ended without
    /// a dose (refusals among them), doses from paper.
    static func immunizationRecords(_ path: String) throws -> Int {
        try SQLiteShell.scalar(path, """
            SELECT (SELECT COUNT(*) FROM injection)
                 + (SELECT COUNT(*) FROM screening WHERE outcome IN ('deferred', 'contraindicated', 'referred'))
                 + (SELECT COUNT(*) FROM screening WHERE outcome IN ('eligible', 'caution') AND consent = 0)
                 + (SELECT COUNT(*) FROM outbox WHERE record_type = 'prior_dose')
            """)
    }

    /// A GET to the centre with a token: the status and the body.
    static func get(_ url: String, token: String?) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    static func post(_ url: String, token: String?, body: Data, headers: [String: String] = [:]) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "Content-Type", value: "application/fhir+json")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let data = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), String(buffer: data))
    }

    /// The total of a search's `_summary=count`.
    /// How many records of `query` the site's token (or `token`) may read at the centre.
    static func count(_ central: CentralServer, _ query: String, token: String? = nil) async throws -> Int {
        let (status, body) = try await get(central.baseURL + "/fhir/" + query + (query.contains("?") ? "&" : "?") + "_summary=count",
                                           token: token ?? central.token)
        #expect(status == 200, "\(query): \(body)")
        let bundle = try JSONDecoder().decode(FHIRBundle.self, from: Data(body.utf8))
        return bundle.total ?? -1
    }

    /// Runs the (blocking) pusher off Swift's cooperative threads, which the in-process proxy needs.
    static func pushing<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Rounds until nothing is pending (at most `limit`), waiting as each round asks (at most `maxPause`).
    static func drain(_ pusher: Pusher, _ database: AppDatabase, limit: Int = 400, maxPause: TimeInterval = 1.5) throws -> [Pusher.Round] {
        var rounds: [Pusher.Round] = []
        for _ in 0..<limit {
            let round = try pusher.pushOnce()
            rounds.append(round)
            if try database.pendingOutboxCount() == 0 { break }
            Thread.sleep(forTimeInterval: min(round.pause(idle: 0.05), maxPause))
        }
        return rounds
    }

    /// Where the centre stores: its SQLite file, or a PostgreSQL server started for the test.
    enum Storage: String, CaseIterable, Sendable { case sqlite, postgres }

    @Test("through dropped answers, duplicates, reordering, 500/503/429 and a poison record: each record once at the centre, the queue empty, the poison set aside",
          arguments: Storage.allCases)
    func exactlyOnceThroughFaults(storage: Storage) async throws {
        let directory = TemporaryDirectory("sync-faults")
        let postgres = storage == .postgres ? try PostgresServer() : nil
        let path = try Self.simulatedSite(directory)
        // A poison record: an injection whose vaccine code was lost (the centre refuses it).
        let poison = try SQLiteShell.text(path, "SELECT id FROM injection ORDER BY rowid LIMIT 1")
        _ = try SQLiteShell.text(path, "UPDATE injection SET product_code = '' WHERE id = '\(poison)'")
        let expected = try Self.immunizationRecords(path) - 1

        let central = try CentralServer(in: directory, postgres: postgres?.url)
        try central.start()
        defer { central.stop() }
        let proxy = FaultProxy(faults: [
            .pass, .commitThenHang(30), .status(503, retryAfter: nil), .duplicate, .commitThen500, .replayEarlier,
            .status(429, retryAfter: 1), .status(500, retryAfter: nil), .duplicate, .replayEarlier, .commitThenHang(30),
        ])
        try await proxy.start(upstream: central.baseURL)
        defer { proxy.stop() }

        let database = try AppDatabase(path: path)
        let backoff = Backoff(base: 0.05, cap: 0.4)
        let pusher = Pusher(
            // Twenty seconds, short beside the proxy's 30-second hang: the proxy runs on this test process's
            // few threads, which other tests keep busy, and a faulty answer it picks after the pusher gave
            // up would never be seen (a 429 lost that way made this test fail, with 12 s beside 15, once
            // the suite ran more servers and desks beside it).
            database: database, transport: HTTPTransport(baseURL: proxy.baseURL + "/fhir", token: central.token, timeout: 20),
            mapping: Self.mapping(), batchSize: 60, backoff: backoff)
        let rounds = try await Self.pushing { try Self.drain(pusher, database) }

        #expect(try database.pendingOutboxCount() == 0, "the queue drained")
        #expect(proxy.applied.count >= 11, "every fault was met: \(proxy.applied)")
        #expect(try await Self.count(central, "Immunization") == expected, "one Immunization per record")
        let someInjection = try SQLiteShell.text(path, "SELECT id FROM injection ORDER BY rowid DESC LIMIT 1")
        #expect(try await Self.count(central, "Immunization?identifier=urn:ietf:rfc:3986%7Curn:uuid:\(someInjection)") == 1)
        #expect(try await Self.count(central, "Immunization?identifier=urn:uuid:\(poison)") == 0)

        // The poison alone is set aside, with the centre's reason; everything else went.
        let quarantined = try database.quarantinedRecords()
        #expect(quarantined.map(\.recordID.uuidString) == [poison])
        #expect(quarantined.first?.message.contains("vaccineCode") == true, "\(quarantined)")
        #expect(try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM outbox WHERE state NOT IN ('sent', 'local', 'quarantined')") == 0)

        // The backoff stayed capped; the 429's Retry-After was honoured.
        let failures = rounds.compactMap { round -> (message: String, wait: TimeInterval)? in
            if case .failed(let message, let wait) = round { (message, wait) } else { nil }
        }
        #expect(failures.count >= 6, "\(rounds)")
        #expect(failures.filter { $0.message != "HTTP 429" }.allSatisfy { $0.wait <= backoff.cap }, "\(failures)")
        #expect(failures.filter { $0.message == "HTTP 429" }.map(\.wait) == [1], "429 Retry-After: 1 in \(failures)")
        let status = try database.syncStatus()
        #expect(status.lastSuccess != nil && status.quarantined == 1)
    }

    @Test("the centre down for a long time with 50,000 records queued: capped retries, then the queue drains")
    func longOutage() async throws {
        let directory = TemporaryDirectory("sync-outage")
        let path = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", path, "--people", "25000", "--setup-only"]).status == 0)
        // 50,000 doses from paper records, queued like any other record.
        let database = try AppDatabase(path: path)
        let people = try database.rosterPeople(first: 25_000)
        let lead = try #require(try database.staff().first { $0.role == .siteLead })
        var doses: [(line: Int, dose: BackfillDose)] = []
        for (index, person) in people.enumerated() where person.identityNumber != nil {
            for number in 1...2 {
                doses.append((index * 2 + number, BackfillDose(
                    identityNumber: person.identityNumber, fullName: nil, birthDate: nil,
                    dose: PriorDose(doseNumber: number + 2, productCode: "pfizer", givenOn: "2022-0\(number + 1)-15"))))
            }
        }
        let result = try database.backfill(Array(doses.prefix(50_000)), source: "sổ tiêm giấy", by: lead.id, at: Date())
        #expect(result.added == 50_000, "\(result.added) added, \(result.refused.count) refused")
        #expect(try database.pendingOutboxCount() >= 50_000)

        // The centre is not there: every round fails, the waits grow to the cap and stay there.
        let central = try CentralServer(in: directory)
        let backoff = Backoff(base: 0.02, cap: 0.2)
        let closedPort = "http://127.0.0.1:9/fhir"
        let offline = Pusher(database: database, transport: HTTPTransport(baseURL: closedPort, token: central.token, timeout: 1),
                             mapping: Self.mapping(), batchSize: 500, backoff: backoff)
        var waits: [TimeInterval] = []
        for _ in 0..<12 {
            if case .failed(_, let wait) = try offline.pushOnce() { waits.append(wait) }
        }
        #expect(waits.count == 12)
        #expect(waits.allSatisfy { $0 <= backoff.cap })
        #expect(waits.suffix(4).allSatisfy { $0 >= backoff.cap / 2 }, "capped, with jitter: \(waits)")
        #expect(try database.syncStatus().lastError == "connection-refused")
        offline.releaseLease()

        // The centre comes back: everything goes, once.
        try central.start()
        defer { central.stop() }
        let online = Pusher(database: database, transport: HTTPTransport(baseURL: central.baseURL + "/fhir", token: central.token, timeout: 60),
                            mapping: Self.mapping(), batchSize: 500, backoff: backoff)
        _ = try await Self.pushing { try Self.drain(online, database, limit: 400) }
        #expect(try database.pendingOutboxCount() == 0)
        #expect(try await Self.count(central, "Immunization") == 50_000)
    }

    @Test("a site's token writes only its own records; no token or a wrong one is refused; the rate limit answers 429")
    func tokens() async throws {
        let directory = TemporaryDirectory("sync-tokens")
        let central = try CentralServer(in: directory, site: "site-A")
        let tokenB = try central.addSite("site-B")
        try central.start(rateLimit: 3)
        defer { central.stop() }
        let person = Person(fullName: "Nguyễn Văn Đức", birthDate: BirthDate(year: 1985, month: 3, day: 7)!, sex: .male,
                            identityNumber: "091085012345")
        let facts = ImmunizationFacts(
            id: UUID(), person: person, status: .completed, productCode: "pfizer", lotNumber: "FK5127", lotExpiry: "2027-01-31",
            occurred: .moment(Date()), recorded: Date(), doseNumber: 1, arm: .left, performer: "TI01 Võ Thị Hồng",
            place: "Trạm Y tế", primarySource: true)
        let bundle = FHIRExport.bundle([SyncItem(seq: 1, event: "injection", record: .immunization(facts))], mapping: Self.mapping())
        let body = try FHIRResource.encoder().encode(bundle)
        let url = central.baseURL + "/fhir"

        #expect(try await Self.post(url, token: nil, body: body).status == 401)
        #expect(try await Self.post(url, token: "not-a-token", body: body).status == 401)
        let forged = String(central.token.split(separator: ".")[0]) + ".AAAA"
        #expect(try await Self.post(url, token: forged, body: body).status == 401, "the right site with a wrong secret")
        #expect(try await Self.get(url + "/Immunization?_summary=count", token: nil).status == 401)

        let first = try await Self.post(url, token: central.token, body: body)
        #expect(first.status == 200 && first.body.contains("201 Created"), "\(first.body.prefix(400))")
        // Site B sends the same records: refused entry by entry, nothing changed.
        let other = try await Self.post(url, token: tokenB, body: body)
        #expect(other.status == 200 && other.body.contains("403 Forbidden") && !other.body.contains("201 Created"),
                "\(other.body.prefix(400))")
        let again = try await Self.post(url, token: central.token, body: body)
        #expect(again.body.contains("200 OK") && !again.body.contains("201 Created"), "a retry changes nothing: \(again.body.prefix(400))")

        // Three requests a second, six at once: a burst soon meets 429 with Retry-After, for that site only.
        var limited: (status: Int, body: String)?
        for _ in 0..<40 {
            let answer = try await Self.get(url + "/Patient?_summary=count", token: central.token)
            if answer.status == 429 { limited = answer; break }
        }
        #expect(limited != nil, "no 429 in a burst")
        #expect(try await Self.get(url + "/Patient?_summary=count", token: tokenB).status == 200, "site B is not slowed by A")
    }

    @Test("a transaction Bundle is all or nothing; a batch answers each entry", arguments: Storage.allCases)
    func transaction(storage: Storage) async throws {
        let directory = TemporaryDirectory("sync-transaction")
        let postgres = storage == .postgres ? try PostgresServer() : nil
        let central = try CentralServer(in: directory, postgres: postgres?.url)
        try central.start()
        defer { central.stop() }
        let person = Person(fullName: "Trần Thị Bích", birthDate: BirthDate(year: 1990), sex: .female)
        func immunization(_ product: String) -> FHIRResource {
            .immunization(Self.mapping().immunization(ImmunizationFacts(
                id: UUID(), person: person, status: .completed, productCode: product, lotNumber: nil, lotExpiry: nil,
                occurred: .day("2021-09-01"), recorded: Date(), doseNumber: 1, arm: nil, performer: nil, place: nil,
                primarySource: false)))
        }
        let entries: [FHIRBundle.Entry] = [.put(.patient(Self.mapping().patient(person))), .put(immunization("pfizer")), .put(immunization(""))]
        let transaction = try FHIRResource.encoder().encode(FHIRBundle(type: "transaction", entry: entries))
        let refused = try await Self.post(central.baseURL + "/fhir", token: central.token, body: transaction)
        #expect(refused.status == 422 && refused.body.contains("vaccineCode"), "\(refused.body)")
        #expect(try await Self.count(central, "Patient") == 0, "nothing of a refused transaction is stored")

        let batch = try FHIRResource.encoder().encode(FHIRBundle(type: "batch", entry: entries))
        let answered = try await Self.post(central.baseURL + "/fhir", token: central.token, body: batch)
        let response = try JSONDecoder().decode(FHIRBundle.self, from: Data(answered.body.utf8))
        #expect(response.type == "batch-response")
        #expect(response.entry?.map { $0.response?.code ?? 0 } == [201, 201, 422])
        #expect(try await Self.count(central, "Immunization?patient=Patient/\(person.id.text)") == 1)
    }

    @Test("`vaxdesk export fhir` writes one valid FHIR R4 Bundle (checked by fhir.resources) that the centre takes, once")
    func export() async throws {
        let directory = TemporaryDirectory("sync-export")
        let path = try Self.simulatedSite(directory, people: 80)
        // A serious adverse event beside the simulated common ones, with its outcome.
        let database = try AppDatabase(path: path)
        let visit = try SQLiteShell.text(path, "SELECT visit_id FROM injection ORDER BY rowid LIMIT 1")
        let nurse = try #require(try database.staff().first { $0.role == .observationNurse })
        try database.recordAdverseEvent(AdverseEvent(visitID: UUID(uuidString: visit)!, onset: Date(), signs: "Khó thở", severity: .serious,
                                                     anaphylaxisGrade: 2), by: nurse.id, at: Date())
        // Its outcome, as a discharge after it records (the visit was discharged by the simulation).
        _ = try SQLiteShell.text(path, "UPDATE aefi SET outcome = 'recovering'")
        let exported = try BuiltProgram.run(["export", "fhir", "--db", path, "--by", "PT01"], input: "2468\n")
        #expect(exported.status == 0)
        #expect(exported.output.contains("adverse-event-outcome") && exported.output.contains("\"recovering\""))
        let file = directory.file("bundle.json")
        try exported.output.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try BuiltProgram.run(["export", "fhir", "--db", path, "--by", "TI01"], input: "5555\n").status != 0,
                "only the site lead exports")

        let (valid, verdict) = try FHIRValidator.validate(file)
        #expect(valid, "\(verdict)")
        #expect(verdict.contains("AdverseEvent") && verdict.contains("Basic") && verdict.contains("Immunization") && verdict.contains("Patient"),
                "\(verdict)")

        let central = try CentralServer(in: directory)
        try central.start()
        defer { central.stop() }
        let body = Data(exported.output.utf8)
        let first = try await Self.post(central.baseURL + "/fhir", token: central.token, body: body)
        #expect(first.status == 200 && !first.body.contains("\"status\":\"4"), "every entry stored: \(first.body.prefix(300))")
        let immunizations = try await Self.count(central, "Immunization")
        #expect(immunizations == (try Self.immunizationRecords(path)))
        let events = try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM aefi")
        #expect(try await Self.count(central, "AdverseEvent") == events && events > 1, "the simulated reactions and this one")
        let second = try await Self.post(central.baseURL + "/fhir", token: central.token, body: body)
        #expect(!second.body.contains("201 Created"), "the same file again stores nothing new")
        #expect(try await Self.count(central, "Immunization") == immunizations)
    }

    @Test("two instances of the centre on one PostgreSQL: two sites push at once, each record stored once, reports see both")
    func twoInstancesOnePostgres() async throws {
        let directory = TemporaryDirectory("sync-two-instances")
        let postgres = try PostgresServer()
        let first = try CentralServer(in: directory, site: "site-A", postgres: postgres.url)
        let tokenB = try first.addSite("site-B")
        let officer = try first.addOfficer("Bộ Y tế - Cục Y tế dự phòng", ["--national"])
        let second = CentralServer(sharing: first, in: directory)
        try first.start()
        try second.start()
        defer {
            first.stop()
            second.stop()
        }
        let folderA = TemporaryDirectory("site-a"), folderB = TemporaryDirectory("site-b")
        let siteA = try Self.simulatedSite(folderA, people: 120)
        let siteB = try Self.simulatedSite(folderB, people: 120)
        #expect(try Self.immunizationRecords(siteA) > 50 && Self.immunizationRecords(siteB) > 50)
        let databaseA = try AppDatabase(path: siteA), databaseB = try AppDatabase(path: siteB)
        let pusherA = Pusher(database: databaseA, transport: HTTPTransport(baseURL: first.baseURL + "/fhir", token: first.token),
                             mapping: Self.mapping(), batchSize: 40)
        let pusherB = Pusher(database: databaseB, transport: HTTPTransport(baseURL: second.baseURL + "/fhir", token: tokenB),
                             mapping: Self.mapping(), batchSize: 40)
        async let drainedA = Self.pushing { try Self.drain(pusherA, databaseA) }
        async let drainedB = Self.pushing { try Self.drain(pusherB, databaseB) }
        _ = try await (drainedA, drainedB)
        #expect(try databaseA.pendingOutboxCount() == 0 && databaseB.pendingOutboxCount() == 0)
        let expected = try Self.immunizationRecords(siteA) + Self.immunizationRecords(siteB)
        #expect(try await Self.count(first, "Immunization", token: officer) == expected)
        #expect(try await Self.count(second, "Immunization", token: officer) == expected, "both instances read the same store")
        #expect(try await Self.count(second, "Immunization") == Self.immunizationRecords(siteA), "a site reads its own records")

        // Site A's records sent again through the other instance: nothing new, nothing taken from A.
        let items = try databaseA.exportSyncItems(since: nil)
        let bundle = try FHIRResource.encoder().encode(FHIRExport.bundle(items, mapping: Self.mapping()))
        #expect(items.count > 100)
        let again = try await Self.post(second.baseURL + "/fhir", token: first.token, body: bundle)
        #expect(again.status == 200 && again.body.contains("200 OK") && !again.body.contains("201 Created"))
        // Through site B's token: every record of site A refused; the people, shared by all sites, unchanged.
        let stolen = try await Self.post(second.baseURL + "/fhir", token: tokenB, body: bundle)
        let answers = try JSONDecoder().decode(FHIRBundle.self, from: Data(stolen.body.utf8)).entry ?? []
        let sent = try JSONDecoder().decode(FHIRBundle.self, from: bundle).entry ?? []
        for (entry, answer) in zip(sent, answers) {
            let expected = entry.resource?.type == "Patient" ? 200 : 403
            #expect(answer.response?.code == expected, "\(entry.request?.url ?? ""): \(answer.response?.status ?? "")")
        }
        #expect(try await Self.count(second, "Immunization", token: officer) == expected)

        let (status, report) = try await Self.get(second.baseURL + "/reports/doses", token: officer)
        #expect(status == 200 && report.contains("site-A") && report.contains("site-B"), "\(status) \(report.prefix(300))")
        let (_, own) = try await Self.get(second.baseURL + "/reports/doses", token: tokenB)
        #expect(own.contains("site-B") && !own.contains("site-A"), "a site's report is of its own doses")
    }

    @Test("one process pushes at a time: the lease; another waits, and takes over when it is given back")
    func lease() async throws {
        let directory = TemporaryDirectory("sync-lease")
        let path = try Self.simulatedSite(directory, people: 40)
        let central = try CentralServer(in: directory)
        try central.start()
        defer { central.stop() }
        let database = try AppDatabase(path: path)
        func pusher() -> Pusher {
            Pusher(database: database, transport: HTTPTransport(baseURL: central.baseURL + "/fhir", token: central.token),
                   mapping: Self.mapping(), batchSize: 10)
        }
        let desk = pusher(), service = pusher()
        guard case .pushed = try desk.pushOnce() else { Issue.record("the first pusher did not push"); return }
        #expect(try service.pushOnce() == .leaseHeld)
        #expect(try service.run(once: true) == .leaseHeld, "--once stops rather than wait for the lease")
        desk.releaseLease()
        _ = try await Self.pushing { try Self.drain(service, database) }
        #expect(try database.pendingOutboxCount() == 0)
        #expect(try desk.pushOnce() == .leaseHeld, "now the other one holds it")
    }
}
