import Foundation
import Testing
import TestSupport
@testable import VaxCentral
import VaxCore
import VaxResources

/// WHO's indicators on a small data set made by hand, whose answers are worked out below: five people
/// at two sites of one district, first and second doses at either site, a refusal, a serious and a
/// common reaction, vials with doses wasted, and the district's targets.
@Suite("The centre's indicators on known data", .serialized)
struct IndicatorTests {
    static let catalog = try! VaccineCatalog(json: VaxResources.data("vaccines.json"))
    static let today = "2026-12-01"

    /// Stores a resource with the facts reports read, as ingest would have.
    static func put(_ store: any CentralStorage, _ type: String, _ id: String, site: String, patient: String? = nil,
                    status: String? = nil, product: String? = nil, dose: Int? = nil, day: String? = nil, reason: String? = nil,
                    birth: String? = nil, group: String? = nil, serious: Bool? = nil, perVial: Int? = nil, wasted: Int? = nil) async throws {
        try await store.execute(CentralQuery("""
            INSERT INTO resource (type, id, site_id, version, json, updated_at, patient_id, status, product, dose_number, day, reason,
                                  birth_date, priority_group, serious, doses_per_vial, doses_wasted)
            VALUES (?, ?, ?, 1, '{}', CURRENT_TIMESTAMP, ?, ?, ?, ?, ?, ?, ?, ?, \(serious.map { $0 ? "TRUE" : "FALSE" } ?? "NULL"), ?, ?)
            """, [.text(type), .text(id), .text(site), SQLValue(patient), SQLValue(status), SQLValue(product), SQLValue(dose),
                  SQLValue(day), SQLValue(reason), SQLValue(birth), SQLValue(group), SQLValue(perVial), SQLValue(wasted)]))
    }

    static func dose(_ store: any CentralStorage, _ id: String, _ patient: String, site: String, _ product: String, _ number: Int,
                     on day: String) async throws {
        try await put(store, "Immunization", id, site: site, patient: patient, status: "completed", product: product, dose: number, day: day)
    }

    @Test("COV-1, COV-2, COV-c, COV-n, dropout once the interval has passed, coverage against targets, wastage, AEFI per 100,000: by area, priority group and age band",
          arguments: CentralRouterTests.Storage.allCases)
    func knownAnswers(storage: CentralRouterTests.Storage) async throws {
        try await CentralRouterTests.withStore(storage) { store, _ in
            let a = String(try await store.addSite(name: "TYT An Hòa", province: "91", district: "899", commune: "30280").prefix(36))
            let b = String(try await store.addSite(name: "TYT Vĩnh Lạc", province: "91", district: "899", commune: "30281").prefix(36))
            let c = String(try await store.addSite(name: "TYT Bến Nghé", province: "79", district: "760", commune: "26734").prefix(36))
            for (id, birth, group) in [("p1", "1960-05-01", "9"), ("p2", "1990-01-01", ""), ("p3", "1990-06-01", ""),
                                       ("p4", "2010-03-01", ""), ("p5", "1950-01-01", "9"), ("p6", "1980-01-01", "")] {
                try await Self.put(store, "Patient", id, site: a, birth: birth, group: group)
            }
            try await Self.dose(store, "i1", "p1", site: a, "pfizer", 1, on: "2026-10-01")
            try await Self.dose(store, "i2", "p1", site: b, "pfizer", 2, on: "2026-10-25")
            try await Self.dose(store, "i3", "p2", site: a, "pfizer", 1, on: "2026-10-05")
            try await Self.dose(store, "i4", "p3", site: a, "pfizer", 1, on: "2026-11-25")
            try await Self.dose(store, "i5", "p4", site: b, "astrazeneca", 1, on: "2026-09-01")
            try await Self.dose(store, "i6", "p4", site: b, "astrazeneca", 2, on: "2026-11-01")
            try await Self.dose(store, "i10", "p6", site: c, "moderna", 1, on: "2026-11-02")
            try await Self.put(store, "Immunization", "i7", site: a, patient: "p5", status: "not-done", product: "covid-19", day: "2026-11-20",
                          reason: "refused")
            try await Self.put(store, "Immunization", "i8", site: a, patient: "p2", status: "entered-in-error", product: "pfizer", dose: 2,
                          day: "2026-11-01")
            try await Self.put(store, "AdverseEvent", "e1", site: b, patient: "p1", day: "2026-10-25", serious: true)
            try await Self.put(store, "AdverseEvent", "e2", site: a, patient: "p2", day: "2026-10-05", serious: false)
            try await Self.put(store, "Basic", "v1", site: a, status: "discarded", product: "pfizer", day: "2026-10-01", perVial: 6, wasted: 2)
            try await Self.put(store, "Basic", "v2", site: a, status: "discarded", product: "pfizer", day: "2026-10-05", perVial: 6, wasted: 1)
            try await Self.put(store, "Basic", "v3", site: b, status: "discarded", product: "astrazeneca", day: "2026-09-01", perVial: 10, wasted: 8)
            let targets = try TargetFile(data: Data("""
                Cấp;Mã;Nhóm ưu tiên;Nhóm tuổi;Số đối tượng\r
                huyện;899;;;100\r
                huyện;899;9;;20\r
                xã;30280;;;40\r
                """.utf8))
            #expect(targets.problems.isEmpty && targets.targets.count == 3)
            try await store.replaceTargets(targets.targets, at: Date())

            let officer = Principal.officer(Officer(id: "o", name: "CDC Kiên Giang", area: .province("91")))
            let names = try await store.unitNames(provinces: ProvinceCodes(provinces: []), strings: Strings(language: .english, table: [:]))
            try await store.refreshReports()
            func indicators(_ unit: ReportUnit, by: IndicatorBreakdown, as principal: Principal = officer) async throws -> [String: Indicators] {
                Dictionary(try await store.indicators(of: unit, by: by, today: Self.today, catalog: Self.catalog, for: principal, names: names)
                    .map { ($0.unit, $0) }) { first, _ in first }
            }

            var district = try await indicators(.district("899"), by: .unit)
            let total = try #require(district["district:899"])
            #expect((total.firstDoses, total.laterDoses, total.completedSeries, total.allDoses) == (4, 2, 2, 6), "\(total)")
            // Due: p1 and p2 (Pfizer, 21 days, dose 1 before 10 November), p4 (AstraZeneca, 56 days); p3 not yet.
            #expect((total.dueToComplete, total.completedOfDue) == (3, 2), "\(total)")
            #expect(total.dropout == 1.0 / 3.0)
            #expect(total.target == 100 && total.firstDoseCoverage == 0.04 && total.completedCoverage == 0.02)
            #expect(total.openedVialWastage == 0.5, "11 of the 22 doses of opened vials")
            #expect(total.seriousPer100k == 100_000.0 / 6 && total.nonSeriousPer100k == 100_000.0 / 6)
            let anHoa = try #require(district["30280"]), vinhLac = try #require(district["30281"])
            #expect((anHoa.firstDoses, anHoa.allDoses, anHoa.dueToComplete, anHoa.completedOfDue) == (3, 3, 2, 1), "\(anHoa)")
            #expect(anHoa.dropout == 0.5 && anHoa.target == 40 && anHoa.firstDoseCoverage == 0.075 && anHoa.openedVialWastage == 0.25)
            #expect((vinhLac.firstDoses, vinhLac.laterDoses, vinhLac.completedSeries, vinhLac.dropout) == (1, 2, 2, 0), "\(vinhLac)")
            #expect(vinhLac.target == nil && vinhLac.firstDoseCoverage == nil)

            let groups = try await indicators(.district("899"), by: .priorityGroup)
            #expect((groups["9"]?.firstDoses, groups["9"]?.completedSeries, groups["9"]?.target) == (1, 1, 20))
            #expect(groups["9"]?.firstDoseCoverage == 0.05)
            #expect((groups[""]?.firstDoses, groups[""]?.allDoses) == (3, 4))
            let bands = try await indicators(.district("899"), by: .ageBand)
            #expect(bands["65+"]?.firstDoses == 1 && bands["18-49"]?.firstDoses == 2 && bands["<18"]?.completedSeries == 1)

            // Annex 5 of the refusal's day.
            let day = try await store.dailyReports(of: .district("899"), day: "2026-11-20", for: officer, names: names)
            let refusalDay = try #require(day.last)
            #expect((refusalDay.people, refusalDay.refused, refusalDay.vaccinated) == (1, 1, 0), "\(refusalDay)")

            // p2's second dose, given later at the other site, completes the series counted at the first.
            try await Self.dose(store, "i9", "p2", site: b, "pfizer", 2, on: "2026-11-28")
            #expect(try await store.refreshReports() > 0)
            district = try await indicators(.district("899"), by: .unit)
            #expect(district["district:899"]?.dropout == 0 && district["30280"]?.completedOfDue == 2)
            // As of today the campaign is read from each site's totals, less the first doses not yet due:
            // the same answers (p3's Pfizer dose of 25 November is due from 16 December).
            let now = LocalDay.of(Date())
            let live = try #require(try await store.indicators(of: .district("899"), by: .unit, today: now, catalog: Self.catalog,
                                                               for: officer, names: names).last)
            #expect((live.firstDoses, live.laterDoses, live.completedSeries, live.allDoses) == (4, 3, 3, 7), "\(live)")
            #expect((live.dueToComplete, live.completedOfDue) == (now >= "2026-12-16" ? 4 : 3, 3), "\(live)")
            #expect(live.openedVialWastage == 0.5 && live.target == 100)
            // Counted again from nothing, the same.
            try await store.rebuildReports()
            #expect(try await indicators(.district("899"), by: .unit) == district)

            // Another area's officer reads none of these sites; the national officer reads the other province too.
            let elsewhere = Principal.officer(Officer(id: "q", name: "TTYT Quận 1", area: .district("760")))
            #expect(try await indicators(.district("899"), by: .unit, as: elsewhere)["district:899"]?.allDoses == 0)
            let national = try await indicators(.national, by: .unit, as: .officer(Officer(id: "n", name: "Bộ Y tế", area: .national)))
            #expect(Set(national.keys) == ["91", "79", "national"] && national["91"]?.allDoses == 7)
        }
    }
}
