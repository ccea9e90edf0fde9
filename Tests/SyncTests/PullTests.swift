import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// A site pulls its catchment from the centre: every dose its people had at the other sites of the
/// district, before they arrive; in pages, resumed where a pull stopped; never sent back.
@Suite("Pulling the catchment from the centre", .serialized)
struct PullTests {
    @Test("dose 1 at site A, pulled at site B: B's dose rules, last look and certificate see it; read-only at B, never pushed back",
          arguments: SyncTests.Storage.allCases)
    func pulledAcrossSites(storage: SyncTests.Storage) async throws {
        let directory = TemporaryDirectory("pull")
        let postgres = storage == .postgres ? try PostgresServer() : nil
        let central = try CentralServer(in: directory, postgres: postgres?.url)
        let area = ["--province", "91", "--district", "899"]
        let tokenA = try central.addSite("site-A", area), tokenB = try central.addSite("site-B", area)
        let elsewhere = try central.addSite("site-C", ["--province", "79", "--district", "760"])
        try central.start()
        defer { central.stop() }

        // Site A's day, at the centre; and a site of another province's, which B does not pull.
        let siteA = try SyncTests.simulatedSite(directory, people: 40)
        try await PersonCorrectionSyncTests.push(siteA, central, token: tokenA)
        let other = TemporaryDirectory("pull-c")
        let siteC = try SyncTests.simulatedSite(other, people: 20)
        try await PersonCorrectionSyncTests.push(siteC, central, token: elsewhere)
        let given = try SQLiteShell.text(siteA, "SELECT COUNT(*) FROM injection WHERE voided IS NULL")

        let b = TemporaryDirectory("pull-b")
        let siteB = b.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", siteB, "--people", "30", "--setup-only"]).status == 0)
        let tokenFile = b.file("token")
        FileManager.default.createFile(atPath: tokenFile, contents: Data(tokenB.utf8), attributes: [.posixPermissions: 0o600])
        let pull = ["sync", "--pull", "--db", siteB, "--central", central.baseURL + "/fhir", "--token-file", tokenFile,
                    "--lang", "en", "--pull-page", "7"]
        let pendingBefore = try AppDatabase(path: siteB).pendingOutboxCount()

        // Stopped after two pages, then resumed: every dose once, none missing.
        let first = try BuiltProgram.run(pull + ["--pull-pages", "2"])
        #expect(first.status == 0 && first.output.contains("Pulled 2 pages"), "\(first.output)")
        let rest = try BuiltProgram.run(pull)
        #expect(rest.status == 0, "\(rest.output)")
        let pulled = "SELECT COUNT(*) || ' ' || COUNT(DISTINCT centre_id) FROM prior_dose WHERE pulled_from IS NOT NULL"
        #expect(try SQLiteShell.text(siteB, pulled) == "\(given) \(given)", "each of A's \(given) doses once")
        #expect(try SQLiteShell.text(siteB, "SELECT DISTINCT pulled_from FROM prior_dose WHERE pulled_from IS NOT NULL") == "site-A",
                "site C is of another province")
        let again = try BuiltProgram.run(pull)
        #expect(again.output.contains("0 people and 0 doses"), "\(again.output)")
        let database = try AppDatabase(path: siteB)
        #expect(try database.pendingOutboxCount() == pendingBefore, "pulled records are the centre's: nothing to send back")
        let state = try #require(try database.pullState())
        #expect(state.doses == Int(given) && state.people > 0)

        // Someone given a dose at A today: the next at B is refused before the interval, allowed from its day.
        let person = try #require(UUID(uuidString: try SQLiteShell.text(siteA, """
            SELECT v.person_id FROM injection i JOIN visit v ON v.id = i.visit_id ORDER BY i.rowid LIMIT 1
            """)))
        let history = try database.doseHistory(personID: person)
        #expect(history.count >= 1 && history.last?.place != nil, "\(history)")
        let eligibility = DoseEligibility(after: history, catalog: SyncTests.catalog)
        let products = Set(SyncTests.catalog.products.map(\.code))
        let today = LocalDay.of(Date())
        guard case .tooEarly(let earliest, _)? = eligibility.refusal(on: today, sessionProducts: products) else {
            Issue.record("the next dose today should be too early: \(history)")
            return
        }
        #expect(earliest > today && eligibility.refusal(on: earliest, sessionProducts: products) == nil)
        #expect(try database.certificate(personID: person, at: Date())?.doses.count == history.count)

        // Read-only here.
        let dose = try #require(UUID(uuidString: try SQLiteShell.text(siteB,
            "SELECT id FROM prior_dose WHERE person_id = '\(person.uuidString)' AND pulled_from IS NOT NULL LIMIT 1")))
        let lead = try #require(try database.staff().first { $0.role == .siteLead })
        #expect(throws: VisitError.recordedElsewhere("site-A")) {
            try database.voidRecord(.paperDose(dose), reason: "nhầm", by: lead.id, at: Date())
        }
        // Corrected at A, the site that owns the person: B's copy follows at the next pull.
        let copy = try #require(UUID(uuidString: try SQLiteShell.text(siteB, "SELECT id FROM person WHERE source = 'centre' LIMIT 1")))
        let corrected = try BuiltProgram.runWithErrors(
            ["person", "correct", "--db", siteA, "--by", "DD01", "--person", copy.uuidString, "--field", "phone",
             "--value", "0912 000 111", "--reason", "theo CCCD"], input: "1111\n")
        #expect(corrected.status == 0, "\(corrected.errors)")
        try await PersonCorrectionSyncTests.push(siteA, central, token: tokenA)
        let followed = try BuiltProgram.run(pull)
        #expect(followed.status == 0)
        #expect(try database.person(id: copy)?.phone == "0912000111", "\(followed.output)")

        // Every page was a read of personal data, logged.
        #expect(try central.command(["access-log", "--who", "site-B"]).contains("pull"))
    }
}
