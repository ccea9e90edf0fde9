import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore
import VaxSync

/// A person's record corrected at a site reaches the centre as their Patient again: applied when the
/// site owns the person, kept as a proposal when another site made them. A record voided at a site
/// reaches it as entered-in-error, and its counts leave it.
@Suite("Corrections and voids at the centre", .serialized)
struct PersonCorrectionSyncTests {
    static func push(_ path: String, _ central: CentralServer, token: String) async throws {
        let database = try AppDatabase(path: path)
        let pusher = Pusher(database: database, transport: HTTPTransport(baseURL: central.baseURL + "/fhir", token: token, timeout: 60),
                            mapping: SyncTests.mapping(), batchSize: 200, backoff: Backoff(base: 0.05, cap: 0.2))
        _ = try await SyncTests.pushing { try SyncTests.drain(pusher, database) }
        pusher.releaseLease()
        #expect(try database.pendingOutboxCount() == 0)
    }

    @Test("corrected with vaxdesk person correct: the owner's correction is the centre's Patient; another site's stays a proposal")
    func correctedAtTheCentre() async throws {
        let directory = TemporaryDirectory("correction-centre")
        let path = try SyncTests.simulatedSite(directory, people: 60)
        let central = try CentralServer(in: directory)
        let tokenB = try central.addSite("site-B")
        try central.start()
        defer { central.stop() }
        try await Self.push(path, central, token: central.token)
        // Someone vaccinated today, whose name was written without diacritics.
        let id = try SQLiteShell.text(path, "SELECT v.person_id FROM injection i JOIN visit v ON v.id = i.visit_id ORDER BY i.rowid LIMIT 1")
        let database = try AppDatabase(path: path)
        let personID = try #require(UUID(uuidString: id))
        let before = try #require(try database.person(id: personID))
        let run = try BuiltProgram.runWithErrors(
            ["person", "correct", "--db", path, "--by", "DD01", "--person", id, "--field", "full-name", "--value", "Nguyễn Thị Xuân Đào",
             "--field", "phone", "--value", "0912 000 111", "--reason", "theo CCCD", "--lang", "en"], input: "1111\n")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("→ Nguyễn Thị Xuân Đào"), "\(run.output)")
        #expect(try database.pendingOutboxCount() == 1, "one Patient to send")
        try await Self.push(path, central, token: central.token)
        let patient = try await SyncTests.get(central.baseURL + "/fhir/Patient/\(id)", token: central.token)
        #expect(patient.status == 200 && patient.body.contains("Nguyễn Thị Xuân Đào") && patient.body.contains("0912000111"), "\(patient.body)")
        #expect(!patient.body.contains(before.fullName))

        // Site B has the same person (a copy of the record) and corrects them too: the centre keeps it aside.
        let other = directory.file("site-b.db")
        #expect(try BuiltProgram.run(["demo", "--db", other, "--people", "1", "--setup-only"]).status == 0)
        let siteB = try AppDatabase(path: other)
        // The demo roster is the same list everywhere: B may have them already, under the same id.
        if try siteB.person(id: personID) == nil { try siteB.insertRoster([RosterEntry(person: before)], source: .roster, at: Date()) }
        let nurse = try #require(try siteB.staff().first { $0.role == .checkInNurse })
        try siteB.correctPerson(before.id, PersonCorrection(changes: [.fullName: "Trần Văn Sai"], reason: "nhầm"),
                                provinces: try ProvinceCodes(json: Data(contentsOf: URL(fileURLWithPath: #filePath)
                                    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                                    .appendingPathComponent("Resources/data/provinces.json"))),
                                catalog: SyncTests.catalog, by: nurse.id, at: Date())
        try await Self.push(other, central, token: tokenB)
        #expect(try await SyncTests.get(central.baseURL + "/fhir/Patient/\(id)", token: central.token).body.contains("Nguyễn Thị Xuân Đào"),
                "the owner's record stands")
        #expect(try central.command(["proposals"]).contains("Patient/\(id)\tsite-B"))
    }

    @Test("an injection voided with vaxdesk session void: entered-in-error at the centre, which no longer counts it")
    func voidedAtTheCentre() async throws {
        let directory = TemporaryDirectory("void-centre")
        let path = try SyncTests.simulatedSite(directory, people: 60)
        let central = try CentralServer(in: directory)
        try central.start()
        defer { central.stop() }
        try await Self.push(path, central, token: central.token)
        func dosesCounted() async throws -> Int {
            let body = try await SyncTests.get(central.baseURL + "/reports/doses", token: central.token).body
            let rows = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]] ?? []
            return rows.compactMap { $0["doses"] as? Int }.reduce(0, +)
        }
        let completed = try await dosesCounted()
        let injection = try SQLiteShell.text(path, "SELECT id FROM injection ORDER BY rowid LIMIT 1")
        let run = try BuiltProgram.runWithErrors(
            ["session", "void", "--db", path, "--by", "PT01", "--injection", injection, "--dose", "wasted",
             "--reason", "ghi nhầm người", "--lang", "en"], input: "2468\n")
        #expect(run.status == 0 && run.output.contains("entered-in-error"), "\(run.output) \(run.errors)")
        try await Self.push(path, central, token: central.token)
        let read = try await SyncTests.get(central.baseURL + "/fhir/Immunization/\(injection)", token: central.token)
        #expect(read.status == 200 && read.body.contains(#""status":"entered-in-error""#), "\(read.body)")
        let after = try await dosesCounted()
        #expect(after == completed - 1, "\(completed) → \(after)")
        let file = directory.file("voided.json")
        try (#"{"resourceType":"Bundle","type":"collection","entry":[{"resource":"# + read.body + "}]}")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let (valid, verdict) = try FHIRValidator.validate(file)
        #expect(valid, "\(verdict) \(read.body)")
    }

    @Test("two records of one person merged with vaxdesk person merge: the centre has the merged Patient replaced by the kept one, and its dose under the kept one")
    func mergedAtTheCentre() async throws {
        let directory = TemporaryDirectory("merge-centre")
        let path = try SyncTests.simulatedSite(directory, people: 60)
        let central = try CentralServer(in: directory)
        try central.start()
        defer { central.stop() }
        let database = try AppDatabase(path: path)
        let keptID = try #require(UUID(uuidString: try SQLiteShell.text(
            path, "SELECT v.person_id FROM injection i JOIN visit v ON v.id = i.visit_id ORDER BY i.rowid LIMIT 1")))
        let kept = try #require(try database.person(id: keptID))
        // The same person registered again at the desk, without diacritics, with a dose from paper.
        let again = Person(fullName: kept.fullName.folding(options: .diacriticInsensitive, locale: nil), birthDate: kept.birthDate,
                           sex: kept.sex)
        let nurse = try #require(try database.staff().first { $0.role == .checkInNurse })
        try database.registerWalkIn(again, by: nurse.id, at: Date())
        let paper = BackfillDose(identityNumber: nil, fullName: nil, birthDate: nil,
                                 dose: PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-08-10"))
        #expect(try database.backfillDose(paper, personID: again.id, source: "sổ", by: nurse.id, at: Date()))
        try await Self.push(path, central, token: central.token)
        let listed = try BuiltProgram.run(["person", "duplicates", "--db", path, "--by", "PT01", "--lang", "en"], input: "2468\n")
        #expect(listed.output.contains(again.id.uuidString) && listed.output.contains(kept.id.uuidString), "\(listed.output)")
        let run = try BuiltProgram.runWithErrors(
            ["person", "merge", "--db", path, "--by", "PT01", "--keep", kept.id.uuidString, "--merge", again.id.uuidString,
             "--reason", "one person, by her CCCD", "--lang", "en"], input: "2468\n")
        #expect(run.status == 0, "\(run.errors)")
        try await Self.push(path, central, token: central.token)
        let merged = try await SyncTests.get(central.baseURL + "/fhir/Patient/\(again.id.text)", token: central.token)
        #expect(merged.body.contains(#""active":false"#) && merged.body.contains("Patient/\(kept.id.text)")
            && merged.body.contains("replaced-by"), "\(merged.body)")
        let dose = try SQLiteShell.text(path, "SELECT id FROM prior_dose WHERE person_id = '\(kept.id.uuidString)' ORDER BY rowid DESC LIMIT 1")
        let moved = try await SyncTests.get(central.baseURL + "/fhir/Immunization/\(dose)", token: central.token)
        #expect(moved.body.contains("Patient/\(kept.id.text)"), "\(moved.body)")
        let file = directory.file("merged.json")
        try (#"{"resourceType":"Bundle","type":"collection","entry":[{"resource":"# + merged.body + "}]}")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let (valid, verdict) = try FHIRValidator.validate(file)
        #expect(valid, "\(verdict)")
    }
}
