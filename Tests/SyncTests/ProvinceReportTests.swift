import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// The province's reports: a simulated day at two sites of one district, pushed, and Annex 5 read at
/// each site and at the centre, every figure checked against a count taken by the sqlite3 shell (or
/// psql) from the stored rows.
@Suite("Annex 5 at the site and at the centre", .serialized)
struct ProvinceReportTests {
    /// The site's own figures of `day`, counted by the sqlite3 shell from its tables.
    static func siteCounts(_ path: String, day: String) throws -> [String: Int] {
        let session = "(SELECT id FROM session WHERE day = '\(day)')"
        let visits = "(SELECT id FROM visit WHERE session_id IN \(session))"
        let screened = "FROM screening WHERE voided IS NULL AND visit_id IN \(visits)"
        let injected = "FROM injection WHERE voided IS NULL AND visit_id IN \(visits)"
        let vials = "FROM vial WHERE lot_id IN (SELECT id FROM vaccine_lot WHERE session_id IN \(session))"
        return [
            "people": try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM visit WHERE session_id IN \(session)"),
            "referred": try SQLiteShell.scalar(path, "SELECT COUNT(*) \(screened) AND outcome = 'referred'"),
            "deferred": try SQLiteShell.scalar(path, "SELECT COUNT(*) \(screened) AND outcome = 'deferred'"),
            "contraindicated": try SQLiteShell.scalar(path, "SELECT COUNT(*) \(screened) AND outcome = 'contraindicated'"),
            "refused": try SQLiteShell.scalar(path, "SELECT COUNT(*) \(screened) AND outcome IN ('eligible', 'caution') AND consent = 0"),
            "dose1": try SQLiteShell.scalar(path, "SELECT COUNT(*) \(injected) AND dose_number = 1"),
            "dose2": try SQLiteShell.scalar(path, "SELECT COUNT(*) \(injected) AND dose_number = 2"),
            "laterDoses": try SQLiteShell.scalar(path, "SELECT COUNT(*) \(injected) AND dose_number >= 3"),
            "dosesUsed": try SQLiteShell.scalar(path, "SELECT COALESCE(SUM(doses_per_vial), 0) \(vials)"),
            "dosesDiscarded": try SQLiteShell.scalar(path, "SELECT COALESCE(SUM(doses_wasted), 0) \(vials)")
                + SQLiteShell.scalar(path, "SELECT COUNT(*) FROM injection WHERE voided = 'wasted' AND visit_id IN \(visits)"),
            "aefiCommon": try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM aefi WHERE severity = 'common' AND visit_id IN \(visits)"),
            "aefiSerious": try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM aefi WHERE severity = 'serious' AND visit_id IN \(visits)"),
        ]
    }

    /// A report's figures by the form's column keys.
    static func figures(_ report: DailyReport) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: DailyReport.columns.map { ($0.key, $0.value(report)) })
    }

    /// Two sites of district 899, one in each of communes 30280 and 30281, each with a simulated day
    /// (refusals, reactions and deferrals among it), added to `central` but not yet pushed.
    static func simulatedDistrict(_ central: CentralServer, in directory: TemporaryDirectory) throws -> [(path: String, token: String)] {
        try ["30280", "30281"].enumerated().map { index, commune in
            let path = directory.file("site-\(index).db")
            #expect(try BuiltProgram.run(["demo", "--db", path, "--people", "400", "--setup-only"]).status == 0)
            #expect(try BuiltProgram.run(["simulate", "--db", path, "--desks", "2", "--people", "220", "--seed", String(20 + index)]).status == 0)
            return (path, try central.addSite("site-\(index)", ["--province", "91", "--district", "899", "--commune", commune]))
        }
    }

    @Test("a simulated day at two sites: Annex 5 of each site, of each commune and of the district at the centre, counted again from the stored rows",
          arguments: SyncTests.Storage.allCases)
    func simulatedDay(storage: SyncTests.Storage) async throws {
        let directory = TemporaryDirectory("annex5-\(storage)")
        let postgres = storage == .postgres ? try PostgresServer() : nil
        let central = try CentralServer(in: directory, postgres: postgres?.url)
        let sites = try Self.simulatedDistrict(central, in: directory)
        let district = try central.addOfficer("TTYT Rạch Giá", ["--district", "899"])
        let elsewhere = try central.addOfficer("TTYT Quận 1", ["--district", "760"])
        try central.start()
        defer { central.stop() }
        for site in sites { try await PersonCorrectionSyncTests.push(site.path, central, token: site.token) }

        let day = try SQLiteShell.text(sites[0].path, "SELECT day FROM session LIMIT 1")
        var expected: [[String: Int]] = []
        for site in sites {
            // The site lead's own Annex 5, as the command prints it.
            let run = try BuiltProgram.runWithErrors(["report", "daily", "--db", site.path, "--by", "PT01", "--format", "json"],
                                                     input: "2468\n")
            #expect(run.status == 0, "\(run.errors)")
            let report = try JSONDecoder().decode(DailyReport.self, from: Data(run.output.utf8))
            let counted = try Self.siteCounts(site.path, day: day)
            let figures = Self.figures(report)
            for (key, value) in counted { #expect(figures[key] == value, "site \(key): \(figures[key] ?? -1) reported, \(value) counted") }
            #expect(report.refused > 0 && report.aefiCommon > 0 && report.deferred + report.contraindicated + report.referred > 0,
                    "the simulated day has refusals, reactions and people not vaccinated: \(report)")
            expected.append(counted)
        }

        // The centre's Annex 5 of the district: a row per commune (one site each), then the district.
        let asked = try await SyncTests.get(central.baseURL + "/reports/daily?unit=district:899&day=\(day)", token: district)
        #expect(asked.status == 200, "\(asked.body)")
        let table = try #require(try JSONSerialization.jsonObject(with: Data(asked.body.utf8)) as? [String: Any])
        let rows = try #require(table["rows"] as? [[String: Any]])
        #expect(rows.map { $0["unit"] as? String } == ["Xã 30280", "Xã 30281", "Huyện 899"], "\(asked.body)")
        func centreCount(_ sql: String) throws -> Int {
            if let postgres { return Int(postgres.psql(sql)) ?? -1 }
            return try SQLiteShell.scalar(central.databasePath, sql)
        }
        for (index, site) in ["site-0", "site-1"].enumerated() {
            let of = "FROM resource r JOIN site s ON s.id = r.site_id WHERE s.name = '\(site)' AND r.day = '\(day)'"
            let stored: [String: Int] = [
                "people": try centreCount("SELECT COUNT(DISTINCT r.patient_id) \(of) AND r.type = 'Immunization' AND r.status IN ('completed', 'not-done')"),
                "dose1": try centreCount("SELECT COUNT(*) \(of) AND r.type = 'Immunization' AND r.status = 'completed' AND r.dose_number = 1"),
                "dose2": try centreCount("SELECT COUNT(*) \(of) AND r.type = 'Immunization' AND r.status = 'completed' AND r.dose_number = 2"),
                "laterDoses": try centreCount("SELECT COUNT(*) \(of) AND r.type = 'Immunization' AND r.status = 'completed' AND r.dose_number >= 3"),
                "refused": try centreCount("SELECT COUNT(*) \(of) AND r.type = 'Immunization' AND r.reason = 'refused'"),
                "deferred": try centreCount("SELECT COUNT(*) \(of) AND r.type = 'Immunization' AND r.reason = 'deferred'"),
                "contraindicated": try centreCount("SELECT COUNT(*) \(of) AND r.type = 'Immunization' AND r.reason = 'contraindicated'"),
                "referred": try centreCount("SELECT COUNT(*) \(of) AND r.type = 'Immunization' AND r.reason = 'referred'"),
                "dosesUsed": try centreCount("SELECT COALESCE(SUM(r.doses_per_vial), 0) \(of) AND r.type = 'Basic'"),
                "dosesDiscarded": try centreCount("SELECT COALESCE(SUM(r.doses_wasted), 0) \(of) AND r.type = 'Basic'"),
                "aefiCommon": try centreCount("SELECT COUNT(*) \(of) AND r.type = 'AdverseEvent' AND NOT r.serious"),
            ]
            for (key, value) in stored {
                #expect(rows[index][key] as? Int == value, "\(site) \(key) at the centre: \(rows[index][key] ?? "none") reported, \(value) stored")
                // What the site reported and what reached the centre agree (every screened person checked in).
                if let atSite = expected[index][key] { #expect(value == atSite, "\(site) \(key): \(value) at the centre, \(atSite) at the site") }
            }
        }
        for key in ["dose1", "refused", "aefiCommon", "dosesUsed"] {
            #expect(rows[2][key] as? Int == (rows[0][key] as? Int ?? 0) + (rows[1][key] as? Int ?? 0), "the district sums its communes: \(key)")
        }

        // As CSV, headed in Vietnamese; an officer of another district reads none of it.
        let csv = try await SyncTests.get(central.baseURL + "/reports/daily?unit=district:899&day=\(day)&format=csv", token: district)
        #expect(csv.body.hasPrefix("Đơn vị,Số người đến tiêm,Chuyển viện,Từ chối tiêm,"), "\(csv.body.prefix(200))")
        let foreign = try await SyncTests.get(central.baseURL + "/reports/daily?unit=district:899&day=\(day)", token: elsewhere)
        #expect(foreign.status == 200 && !foreign.body.contains("Xã 30280") && foreign.body.contains(#""dose1" : 0"#), "\(foreign.body)")
        #expect(try await SyncTests.get(central.baseURL + "/reports/daily?unit=district:899&day=31-12-2026", token: district).status == 400)
    }
}
