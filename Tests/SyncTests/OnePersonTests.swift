import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore
import VaxSync

/// One person nationally: two sites that registered the same CCCD offline hold one person after both
/// push and pull, and so does the centre's look-up; records that no CCCD joins are offered to a
/// provincial officer, whose merge every site's next pull brings.
@Suite("One person nationally", .serialized)
struct OnePersonTests {
    /// A site of district 899 with a small roster, and its check-in nurse.
    struct Site {
        let path: String
        let database: AppDatabase
        let nurse: UUID
        let token: String

        init(_ name: String, _ central: CentralServer, in directory: TemporaryDirectory) throws {
            path = directory.file("\(name).db")
            #expect(try BuiltProgram.run(["demo", "--db", path, "--people", "20", "--setup-only"]).status == 0)
            database = try AppDatabase(path: path)
            nurse = try #require(try database.staff().first { $0.role == .checkInNurse }).id
            token = try central.addSite(name, ["--province", "91", "--district", "899"])
        }

        /// Registers `person` as a walk-in, with a dose from their papers.
        func register(_ person: Person, dose: Int, on day: String, at place: String) throws {
            try database.registerWalkIn(person, by: nurse, at: Date())
            _ = try database.backfillDose(
                BackfillDose(identityNumber: nil, fullName: nil, birthDate: nil,
                             dose: PriorDose(doseNumber: dose, productCode: "pfizer", givenOn: day), place: place),
                personID: person.id, source: "paper", by: nurse, at: Date())
        }

        func push(_ central: CentralServer) async throws {
            try await PersonCorrectionSyncTests.push(path, central, token: token)
        }

        func pull(_ central: CentralServer) throws {
            _ = try Puller(database: database, transport: HTTPTransport(baseURL: central.baseURL + "/fhir", token: token)).pull()
        }

        /// The people this site's check-in finds for `query`.
        func found(_ query: String) throws -> [RosterMatch] { try database.searchRoster(RosterQuery(query)) }
    }

    static func person(_ name: String, _ cccd: String?, commune: String = "P. An Hòa") -> Person {
        Person(fullName: name, birthDate: BirthDate(year: 1988, month: 4, day: 2)!, sex: .female, identityNumber: cccd,
               commune: commune)
    }

    @Test("the same CCCD registered offline at two sites: after both push and pull, one person at each, and one at the centre's look-up",
          arguments: SyncTests.Storage.allCases)
    func sameCCCDOffline(storage: SyncTests.Storage) async throws {
        let directory = TemporaryDirectory("one-person-\(storage)")
        let postgres = storage == .postgres ? try PostgresServer() : nil
        let central = try CentralServer(in: directory, postgres: postgres?.url)
        let (a, b) = (try Site("site-A", central, in: directory), try Site("site-B", central, in: directory))
        let officer = try central.addOfficer("CDC Kiên Giang", ["--province", "91"])
        try central.start()
        defer { central.stop() }

        let cccd = "091188001111"
        try a.register(Self.person("Lê Thị Mai", cccd), dose: 1, on: "2021-08-02", at: "TYT An Hòa")
        try b.register(Self.person("Lê Thị Mai", cccd), dose: 2, on: "2021-09-01", at: "TYT Vĩnh Lạc")
        try await a.push(central)
        try await b.push(central)
        try a.pull(central)
        try b.pull(central)
        for site in [a, b] {
            let holders = try site.found(cccd)
            #expect(holders.count == 1, "one person at \(site.path)")
            let doses = try site.database.doseHistory(personID: try #require(holders.first).person.id)
            #expect(doses.map(\.doseNumber) == [1, 2], "both sites' doses: \(doses)")
        }
        #expect(try a.database.pendingOutboxCount() == 0 && b.database.pendingOutboxCount() == 0, "nothing pulled is sent back")

        // The centre's look-up: one person with both doses.
        let answer = try await SyncTests.get(central.baseURL + "/fhir/Patient/$lookup?identifier=\(cccd)", token: a.token)
        let lookup = try CentreLookup(identifier: cccd, searchset: Data(answer.body.utf8))
        #expect(lookup.people.count == 1 && lookup.people.first?.doses.map(\.dose.doseNumber) == [1, 2], "\(answer.body)")
        // One person: nothing for an officer to decide.
        let queue = try await SyncTests.get(central.baseURL + "/persons/duplicates", token: officer)
        #expect(queue.status == 200 && queue.body == "[]", "\(queue.body)")
    }

    @Test("no CCCD joins two sites' records: a provincial officer sees them, merges them, and each site's next pull leaves one person",
          arguments: SyncTests.Storage.allCases)
    func mergedByAnOfficer(storage: SyncTests.Storage) async throws {
        let directory = TemporaryDirectory("one-person-merge-\(storage)")
        let postgres = storage == .postgres ? try PostgresServer() : nil
        let central = try CentralServer(in: directory, postgres: postgres?.url)
        let (a, b) = (try Site("site-A", central, in: directory), try Site("site-B", central, in: directory))
        let province = try central.addOfficer("CDC Kiên Giang", ["--province", "91"])
        let district = try central.addOfficer("TTYT Rạch Giá", ["--district", "899"])
        try central.start()
        defer { central.stop() }

        let atA = Self.person("Trần Thị Bình", nil), atB = Self.person("TRAN THI BINH", nil, commune: "p. an hoa")
        try a.register(atA, dose: 1, on: "2021-08-02", at: "TYT An Hòa")
        try b.register(atB, dose: 2, on: "2021-09-01", at: "TYT Vĩnh Lạc")
        // Two namesakes of another commune are no one's business here.
        try a.register(Self.person("Trần Thị Bình", nil, commune: "X. Phi Thông"), dose: 1, on: "2021-08-03", at: "TYT An Hòa")
        try await a.push(central)
        try await b.push(central)
        try a.pull(central)
        try b.pull(central)
        #expect(try b.found("binh 1988").count == 3, "before the merge, B holds its own record and copies of A's two")

        let queue = try await SyncTests.get(central.baseURL + "/persons/duplicates", token: province)
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(queue.body.utf8)) as? [[String: Any]], "\(queue.body)")
        #expect(groups.count == 1, "\(queue.body)")
        let members = (groups.first?["members"] as? [[String: Any]]) ?? []
        #expect(Set(members.compactMap { $0["id"] as? String }) == [atA.id.text, atB.id.text], "\(queue.body)")
        #expect(groups.first?["kind"] as? String == "probable")

        let merge = Data(#"{"kept": "\#(atB.id.text)", "merged": "\#(atA.id.text)", "reason": "cùng người, trùng tên và ngày sinh"}"#.utf8)
        #expect(try await SyncTests.post(central.baseURL + "/persons/merge", token: district, body: merge).status == 403)
        #expect(try await SyncTests.post(central.baseURL + "/persons/merge", token: a.token, body: merge).status == 403)
        let merged = try await SyncTests.post(central.baseURL + "/persons/merge", token: province, body: merge)
        #expect(merged.status == 200 && merged.body.contains("merged"), "\(merged.body)")
        #expect(try await SyncTests.get(central.baseURL + "/persons/duplicates", token: province).body == "[]")

        // Each site's next pull: one Bình of An Hòa with both doses; A keeps its own record, B its own.
        try a.pull(central)
        try b.pull(central)
        for (site, own) in [(a, atA), (b, atB)] {
            let found = try site.found("binh 1988").filter { $0.person.commune.map(NameFolding.fold) == "p. an hoa" }
            #expect(found.map(\.person.id) == [own.id], "\(site.path): \(found.map(\.person.fullName))")
            #expect(try site.database.doseHistory(personID: own.id).map(\.doseNumber) == [1, 2])
        }
        #expect(try a.database.pendingOutboxCount() == 0 && b.database.pendingOutboxCount() == 0)
        // The centre's log has who decided.
        #expect(try central.command(["access-log", "--who", "CDC Kiên Giang"]).contains("merge Patient"))
    }
}
