import Foundation
import Testing
import TestSupport
import VaxCore
import VaxSync

/// Least privilege at the centre, against the real `vaxdesk-central` on SQLite and PostgreSQL: a site
/// reads its own records and looks anyone up by one whole identifier, minimally; officers read their
/// area; every read is in the access log; no site overwrites another's person.
@Suite("Who may read and write what at the centre", .serialized)
struct CentralAccessTests {
    enum Storage: String, CaseIterable, Sendable { case sqlite, postgres }

    /// Two sites of two provinces, with a person and a dose each, and the officers who read them.
    struct Country {
        let central: CentralServer
        let tokenA: String, tokenB: String
        let province91: String, national: String
        let postgres: PostgresServer?
        /// Kept for as long as the centre runs: its database is in it.
        let directory: TemporaryDirectory
        let a = Person(fullName: "Nguyễn Văn Đức", birthDate: BirthDate(year: 1985, month: 3, day: 7)!, sex: .male,
                       identityNumber: "091085012345", phone: "0912345678", address: "12 Trần Phú")
        let b = Person(fullName: "Lê Thị Mai", birthDate: BirthDate(year: 1990, month: 6, day: 1)!, sex: .female,
                       identityNumber: "079190004321", phone: "0987654321", address: "5 Lê Lợi")

        var url: String { central.baseURL + "/fhir" }

        init(_ storage: Storage, in directory: TemporaryDirectory) async throws {
            self.directory = directory
            postgres = storage == .postgres ? try PostgresServer() : nil
            central = try CentralServer(in: directory, site: "site-A", postgres: postgres?.url)
            tokenA = central.token
            tokenB = try central.addSite("site-B", ["--province", "79"])
            province91 = try central.addOfficer("CDC Kiên Giang", ["--province", "91"])
            national = try central.addOfficer("Bộ Y tế", ["--national"])
            try central.start()
        }

        /// Each site sends its person and a dose.
        func send() async throws {
            for (person, token, product) in [(a, tokenA, "pfizer"), (b, tokenB, "astrazeneca")] {
                let entries: [FHIRBundle.Entry] = [
                    .put(.patient(SyncTests.mapping().patient(person))), .put(CentralAccessTests.immunization(of: person, product)),
                ]
                let answer = try await SyncTests.post(url, token: token, body: try FHIRResource.encoder().encode(FHIRBundle(type: "batch", entry: entries)))
                #expect(answer.status == 200 && !answer.body.contains("\"4"), "\(answer.status) \(answer.body)")
            }
        }
    }

    static func immunization(of person: Person, _ product: String, dose: Int = 1) -> FHIRResource {
        .immunization(SyncTests.mapping().immunization(ImmunizationFacts(
            id: UUID(), person: person, status: .completed, productCode: product, lotNumber: "FK5127", lotExpiry: nil,
            occurred: .day("2021-09-01"), recorded: Date(), doseNumber: dose, arm: nil, performer: nil, place: nil,
            primarySource: true)))
    }

    static func total(_ body: String) -> Int? {
        (try? JSONDecoder().decode(FHIRBundle.self, from: Data(body.utf8)))?.total
    }

    @Test("site A reads its own people and doses only; B's are not listed, searched, read nor counted", arguments: Storage.allCases)
    func ownRecordsOnly(storage: Storage) async throws {
        let country = try await Country(storage, in: TemporaryDirectory("centre-own-\(storage)"))
        defer { country.central.stop() }
        try await country.send()
        let (a, b, url) = (country.a, country.b, country.url)
        let listed = try await SyncTests.get(url + "/Patient?_count=1000", token: country.tokenA)
        #expect(Self.total(listed.body) == 1 && listed.body.contains(a.fullName) && !listed.body.contains(b.fullName))
        #expect(Self.total(try await SyncTests.get(url + "/Patient?identifier=\(b.identityNumber!)", token: country.tokenA).body) == 0)
        #expect(try await SyncTests.get(url + "/Patient/\(b.id.text)", token: country.tokenA).status == 404)
        #expect(Self.total(try await SyncTests.get(url + "/Immunization?patient=Patient/\(b.id.text)", token: country.tokenA).body) == 0)
        #expect(try await SyncTests.get(url + "/Patient/\(a.id.text)", token: country.tokenA).status == 200)
        // The reports count the site's own doses.
        let report = try await SyncTests.get(country.central.baseURL + "/reports/doses", token: country.tokenA).body
        #expect(report.contains("site-A") && !report.contains("site-B"), "\(report)")
    }

    @Test("anyone is looked up by one whole CCCD: name, birth date, sex and doses with their place, nothing more; logged", arguments: Storage.allCases)
    func lookUp(storage: Storage) async throws {
        let country = try await Country(storage, in: TemporaryDirectory("centre-lookup-\(storage)"))
        defer { country.central.stop() }
        try await country.send()
        let b = country.b
        let found = try await SyncTests.get(country.url + "/Patient/$lookup?identifier=\(FHIRSystem.citizenID)%7C\(b.identityNumber!)",
                                            token: country.tokenA)
        #expect(found.status == 200, "\(found.body)")
        let bundle = try JSONDecoder().decode(FHIRBundle.self, from: Data(found.body.utf8))
        #expect(bundle.total == 1 && bundle.entry?.count == 2)
        guard case .patient(let patient)? = bundle.entry?.first?.resource,
              case .immunization(let dose)? = bundle.entry?.last?.resource
        else { Issue.record("\(found.body)"); return }
        #expect(patient.name?.first?.text == b.fullName && patient.birthDate == "1990-06-01" && patient.gender != nil)
        #expect(patient.identifier == nil && patient.telecom == nil && patient.address == nil, "only what vaccinating needs")
        #expect(dose.vaccineCode?.coding?.first?.code == "astrazeneca" && dose.occurrenceDateTime?.hasPrefix("2021-09-01") == true)
        #expect(dose.protocolApplied?.first?.doseNumberPositiveInt == 1 && dose.lotNumber == nil)
        #expect(found.body.contains(#""display":"site-B""#), "the place of the dose")
        let file = country.directory.file("lookup.json")
        try found.body.write(toFile: file, atomically: true, encoding: .utf8)
        let (valid, verdict) = try FHIRValidator.validate(file)
        #expect(valid, "the answer is FHIR R4 and R4B: \(verdict)")
        // Never a listing: no identifier, or a part of one, is refused.
        for partial in ["", "?identifier=0791", "?identifier=\(FHIRSystem.citizenID)%7C079"] {
            #expect(try await SyncTests.get(country.url + "/Patient/$lookup" + partial, token: country.tokenA).status == 400)
        }
        // Who read what, when, how many.
        let log = try country.central.command(["access-log", "--who", "site-A"])
        #expect(log.contains("site site-A\tlookup Patient\t\(FHIRSystem.citizenID)|\(b.identityNumber!)\t1"), "\(log)")
    }

    @Test("officers read their area and write nothing; a national officer reads every site", arguments: Storage.allCases)
    func officers(storage: Storage) async throws {
        let country = try await Country(storage, in: TemporaryDirectory("centre-officers-\(storage)"))
        defer { country.central.stop() }
        try await country.send()
        // Site A was added without a province: a provincial officer of 91 does not see it; B is in 79.
        #expect(Self.total(try await SyncTests.get(country.url + "/Patient", token: country.province91).body) == 0)
        #expect(Self.total(try await SyncTests.get(country.url + "/Patient", token: country.national).body) == 2)
        let report = try await SyncTests.get(country.central.baseURL + "/reports/doses", token: country.national).body
        #expect(report.contains("site-A") && report.contains("site-B"))
        let bundle = try FHIRResource.encoder().encode(FHIRBundle(type: "batch", entry: [.put(.patient(SyncTests.mapping().patient(country.a)))]))
        let written = try await SyncTests.post(country.url, token: country.national, body: bundle)
        #expect(written.status == 403 && written.body.contains("officer"), "\(written.body)")
        let log = try country.central.command(["access-log", "--who", "officer"])
        #expect(log.contains("officer Bộ Y tế (national)\tsearch Patient"), "\(log)")
        #expect(try country.central.command(["officer", "list"]).contains("CDC Kiên Giang  province 91"))
    }

    @Test("no site overwrites another's person: a future lastUpdated is refused, a change is kept as a proposal, the owner's correction wins", arguments: Storage.allCases)
    func noOverwrite(storage: Storage) async throws {
        let country = try await Country(storage, in: TemporaryDirectory("centre-overwrite-\(storage)"))
        defer { country.central.stop() }
        try await country.send()
        let a = country.a
        func put(_ person: Person, lastUpdated: String?, ifMatch: String? = nil, token: String) async throws -> FHIRBundle.Entry.Response? {
            var patient = SyncTests.mapping().patient(person)
            patient.meta = FHIRMeta(lastUpdated: lastUpdated)
            var entry = FHIRBundle.Entry.put(.patient(patient))
            entry.request?.ifMatch = ifMatch
            let answer = try await SyncTests.post(country.url, token: token, body: try FHIRResource.encoder().encode(FHIRBundle(type: "batch", entry: [entry])))
            return try JSONDecoder().decode(FHIRBundle.self, from: Data(answer.body.utf8)).entry?.first?.response
        }
        var forged = a
        forged.fullName = "Kẻ Mạo Danh"
        forged.identityNumber = "001099000001"
        let future = try await put(forged, lastUpdated: "2099-01-01T00:00:00Z", token: country.tokenB)
        #expect(future?.code == 422 && future?.outcome.map { "\($0)" }?.contains("future") == true, "\(String(describing: future))")
        let proposed = try await put(forged, lastUpdated: nil, token: country.tokenB)
        #expect(proposed?.code == 202, "\(String(describing: proposed))")
        let read = try await SyncTests.get(country.url + "/Patient/\(a.id.text)", token: country.tokenA).body
        #expect(read.contains(a.fullName) && !read.contains("Kẻ Mạo Danh"), "the record stays as its site made it")
        #expect(try country.central.command(["proposals"]).contains("Patient/\(a.id.text)\tsite-B"))
        // Site A's own correction is applied, whatever the clocks said before.
        var corrected = a
        corrected.fullName = "Nguyễn Văn Đực"
        #expect(try await put(corrected, lastUpdated: nil, token: country.tokenA)?.code == 200)
        #expect(try await SyncTests.get(country.url + "/Patient/\(a.id.text)", token: country.tokenA).body.contains("Nguyễn Văn Đực"))
        // A change based on a version that is no longer the centre's is a conflict, with the version.
        corrected.phone = "0900000000"
        let stale = try await put(corrected, lastUpdated: nil, ifMatch: #"W/"1""#, token: country.tokenA)
        #expect(stale?.code == 409 && "\(String(describing: stale?.outcome))".contains("version 2"), "\(String(describing: stale))")
    }

    @Test("an officer of the owner's province reviews another site's change: accepted it is applied, rejected it is kept; stale never overwrites",
          arguments: Storage.allCases)
    func officerReview(storage: Storage) async throws {
        let country = try await Country(storage, in: TemporaryDirectory("centre-review-\(storage)"))
        defer { country.central.stop() }
        let province79 = try country.central.addOfficer("CDC TP HCM", ["--province", "79"])
        let district = try country.central.addOfficer("TTYT Quận 1", ["--district", "760"])
        try await country.send()
        // Site A (another province) proposes two changes to site B's person.
        func propose(_ person: Person) async throws {
            let body = try FHIRResource.encoder().encode(FHIRBundle(type: "batch", entry: [.put(.patient(SyncTests.mapping().patient(person)))]))
            #expect(try await SyncTests.post(country.url, token: country.tokenA, body: body).body.contains("202"))
        }
        var spelled = country.b
        spelled.fullName = "Lê Thị Mai Anh"
        try await propose(spelled)
        var phoned = country.b
        phoned.phone = "0900000001"
        try await propose(phoned)

        let base = country.central.baseURL + "/proposals"
        func decide(_ seq: Int, _ decision: String, token: String, reason: String? = "giấy khai sinh") async throws -> (status: Int, body: String) {
            let body = reason.map { #"{"reason":"\#($0)"}"# } ?? "{}"
            return try await SyncTests.post("\(base)/\(seq)/\(decision)", token: token, body: Data(body.utf8))
        }
        #expect(try await SyncTests.get(base, token: country.tokenB).status == 403, "a site reviews nothing")
        #expect(try await SyncTests.get(base, token: country.province91).body == "[]", "not their province")
        let listed = try await SyncTests.get(base, token: province79)
        #expect(listed.status == 200 && listed.body.contains("Lê Thị Mai Anh") && listed.body.contains("0900000001"), "\(listed.body)")
        struct Listed: Decodable { var seq: Int }
        let seqs = try JSONDecoder().decode([Listed].self, from: Data(listed.body.utf8)).map(\.seq)
        #expect(seqs.count == 2)
        #expect(try await decide(seqs[0], "accept", token: country.province91).status == 404)
        #expect(try await decide(seqs[0], "accept", token: district).status == 403)
        #expect(try await decide(seqs[0], "accept", token: province79, reason: nil).status == 400, "a reason is needed")

        let accepted = try await decide(seqs[0], "accept", token: province79)
        #expect(accepted.status == 200 && accepted.body.contains(#""decision":"accepted""#) && accepted.body.contains(#""version":2"#), "\(accepted.body)")
        let read = try await SyncTests.get(country.url + "/Patient/\(country.b.id.text)", token: country.tokenB).body
        #expect(read.contains("Lê Thị Mai Anh"), "applied: \(read)")
        #expect(try await decide(seqs[0], "reject", token: province79).body.contains("accepted already"))
        // The second was made on version 1: the record has moved on, it is not applied over it.
        let stale = try await decide(seqs[1], "accept", token: country.national)
        #expect(stale.status == 409 && stale.body.contains("version 2 now"), "\(stale.body)")
        #expect(try await decide(seqs[1], "reject", token: country.national).body.contains(#""decision":"rejected""#))
        #expect(!(try await SyncTests.get(country.url + "/Patient/\(country.b.id.text)", token: country.tokenB).body.contains("0900000001")))
        #expect(try country.central.command(["proposals"]).isEmpty, "nothing waits")
        let log = try country.central.command(["access-log", "--who", "CDC TP HCM"])
        #expect(log.contains("proposals Patient") && log.contains("accept Patient\tproposal \(seqs[0])"), "\(log)")
    }

    @Test("impossible dates, unknown vaccines and negative counts are refused in plain words")
    func contentChecks() async throws {
        let country = try await Country(.sqlite, in: TemporaryDirectory("centre-content"))
        defer { country.central.stop() }
        var patient = SyncTests.mapping().patient(country.a)
        patient.birthDate = "9999-99-99"
        let wasted = SyncTests.mapping().vial(VialFacts(
            id: UUID(), productCode: "pfizer", lotNumber: "FK5127", dosesPerVial: 6, openedAt: Date().addingTimeInterval(-3600),
            discardedAt: Date(), dosesWasted: -1_000_000))
        let entries: [FHIRBundle.Entry] = [.put(.patient(patient)), .put(Self.immunization(of: country.a, "no-such-vaccine")), .put(.basic(wasted))]
        let answer = try await SyncTests.post(country.url, token: country.tokenA, body: try FHIRResource.encoder().encode(FHIRBundle(type: "batch", entry: entries)))
        let responses = try JSONDecoder().decode(FHIRBundle.self, from: Data(answer.body.utf8)).entry ?? []
        #expect(responses.map { $0.response?.code ?? 0 } == [422, 422, 422], "\(answer.body)")
        #expect(answer.body.contains("birthDate") && answer.body.contains("no-such-vaccine") && answer.body.contains("doses wasted"))
        let broken = try await SyncTests.post(country.url, token: country.tokenA, body: Data(#"{"resourceType":"Bundle","type":"batch","entry":[{"resource":7}]}"#.utf8))
        #expect(broken.status == 400 && broken.body.contains("entry[0].resource") && !broken.body.contains("DecodingError"), "\(broken.body)")
    }

    @Test("a dose for a Patient the centre does not have is refused; the Patient earlier in the Bundle, or before it, lets it in",
          arguments: Storage.allCases)
    func doseNeedsItsPatient(storage: Storage) async throws {
        let country = try await Country(storage, in: TemporaryDirectory("centre-orphan"))
        defer { country.central.stop() }
        func send(_ entries: [FHIRBundle.Entry]) async throws -> [Int] {
            let answer = try await SyncTests.post(country.url, token: country.tokenA,
                                                  body: try FHIRResource.encoder().encode(FHIRBundle(type: "batch", entry: entries)))
            #expect(answer.status == 200, "\(answer.body)")
            return try JSONDecoder().decode(FHIRBundle.self, from: Data(answer.body.utf8)).entry?.map { $0.response?.code ?? 0 } ?? []
        }
        let orphan = CentralAccessTests.immunization(of: country.a, "pfizer")
        let event = FHIRResource.adverseEvent(SyncTests.mapping().adverseEvent(AdverseEventFacts(
            event: AdverseEvent(visitID: UUID(), onset: Date(), signs: "sốt 38,5", severity: .common),
            person: country.a, injectionID: nil, recorded: Date())))
        let refused = try await SyncTests.post(country.url, token: country.tokenA,
                                               body: try FHIRResource.encoder().encode(FHIRBundle(type: "batch", entry: [.put(orphan), .put(event)])))
        #expect(refused.body.contains("is about Patient/\(country.a.id.text), who is not at the centre"), "\(refused.body)")
        #expect(try await send([.put(orphan), .put(event)]) == [422, 422])
        #expect(try await SyncTests.count(country.central, "Immunization") == 0)
        // The Patient after the dose is too late; before it, in the same Bundle, it lets it in.
        #expect(try await send([.put(orphan), .put(.patient(SyncTests.mapping().patient(country.a)))]) == [422, 201])
        #expect(try await send([.put(orphan), .put(event)]) == [201, 201], "the Patient is at the centre now")
        let later = CentralAccessTests.immunization(of: country.b, "pfizer", dose: 2)
        #expect(try await send([.put(.patient(SyncTests.mapping().patient(country.b))), .put(later)]) == [201, 201])
    }

    @Test("tokens: rotated, the old one stops; revoked, refused at once")
    func tokens() async throws {
        let country = try await Country(.sqlite, in: TemporaryDirectory("centre-tokens"))
        defer { country.central.stop() }
        let rotated = try country.central.command(["site", "rotate", "site-A"])
        #expect(try await SyncTests.get(country.url + "/Patient", token: country.tokenA).status == 401, "the old token stops")
        #expect(try await SyncTests.get(country.url + "/Patient", token: rotated).status == 200)
        #expect(try country.central.command(["site", "revoke", "site-A"]) == "revoked: site-A")
        #expect(try await SyncTests.get(country.url + "/Patient", token: rotated).status == 401)
        #expect(try await SyncTests.get(country.url + "/Patient", token: country.tokenB).status == 200, "other sites go on")
    }

    @Test("the centre's database and its WAL are its user's alone; a PostgreSQL password never goes on the command line")
    func filesAndSecrets() async throws {
        let directory = TemporaryDirectory("centre-files")
        let country = try await Country(.sqlite, in: directory)
        defer { country.central.stop() }
        try await country.send()
        for suffix in ["", "-wal"] {
            let mode = try FileManager.default.attributesOfItem(atPath: country.central.databasePath + suffix)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(suffix): \(String(format: "%o", mode ?? 0))")
        }
        let (status, said) = try CentralSchemaTests.central(["site", "list", "--postgres", "postgres://vaxdesk:secret@127.0.0.1:1/central"])
        #expect(status != 0 && said.contains("--postgres-password-file"), "\(said)")
    }
}

