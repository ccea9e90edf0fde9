import Foundation
import Testing
import VaxCore

@Suite("Observation and doses")
struct VisitRulesTests {
    let policy = ObservationPolicy(catalog: Fixtures.catalog)

    @Test("30 minutes, longer for the caution group")
    func observationMinutes() {
        let injected = Date(timeIntervalSince1970: 1_000_000)
        #expect(policy.due(injectedAt: injected, caution: false) == injected.addingTimeInterval(30 * 60))
        #expect(policy.minutes(caution: true) > policy.minutes(caution: false))
    }

    @Test("countdowns read mm:ss, then +mm:ss once due", arguments: [
        (1805.0, "30:05", false), (1800.6, "30:00", false), (60.0, "01:00", false), (0.4, "00:00", false),
        (0.0, "+00:00", true), (-75.0, "+01:15", true),
    ])
    func countdown(secondsLeft: Double, text: String, due: Bool) {
        let now = Date(timeIntervalSince1970: 5_000)
        let countdown = Countdown(until: now.addingTimeInterval(secondsLeft), now: now)
        #expect(countdown.text == text)
        #expect(countdown.isDue == due)
    }

    @Test("the next dose follows the highest dose on record", arguments: [
        ([Int](), 1, DosePlan.Series.primary), ([1], 2, .primary), ([1, 2], 3, .booster),
    ])
    func dosePlan(doses: [Int], next: Int, series: DosePlan.Series) {
        let priors = doses.map { PriorDose(doseNumber: $0, productCode: "astrazeneca", givenOn: "2021-07-01") }
        let plan = DosePlan(after: priors, catalog: Fixtures.catalog)
        #expect(plan.doseNumber == next)
        #expect(plan.series == series)
    }

    @Test("Abdala's primary series has three doses")
    func abdala() {
        let priors = [1, 2].map { PriorDose(doseNumber: $0, productCode: "abdala", givenOn: "2021-09-01") }
        #expect(DosePlan(after: priors, catalog: Fixtures.catalog).series == .primary)
    }

    @Test("the catalog has the products of 2021 with their vial sizes")
    func catalog() {
        #expect(Fixtures.catalog.product("pfizer")?.dosesPerVial == 6)
        #expect(Fixtures.catalog.product("astrazeneca")?.dosesPerVial == 10)
        #expect(Fixtures.catalog.product("verocell")?.dosesPerVial == 2)
        #expect(Fixtures.catalog.products.count == 6)
    }
}

@Suite("Strings")
struct StringsTests {
    @Test("Vietnamese and English have the same keys")
    func sameKeys() throws {
        let vi = try Strings(language: .vietnamese, json: VaxResourcesData.strings("vi"))
        let en = try Strings(language: .english, json: VaxResourcesData.strings("en"))
        // A language may have a ".one" form that another does not need, never one without its key.
        func base(_ strings: Strings) -> Set<String> { Set(strings.keys.filter { !$0.hasSuffix(".one") }) }
        #expect(base(vi) == base(en))
        for strings in [vi, en] {
            let orphans = strings.keys.filter { $0.hasSuffix(".one") && strings.optional(String($0.dropLast(4))) == nil }
            #expect(orphans.isEmpty, "\(orphans)")
        }
        #expect(vi["station.screening"] == "Khám sàng lọc")
    }

    @Test("one thing is said in the singular where the language has one")
    func singular() throws {
        let en = try Strings(language: .english, json: VaxResourcesData.strings("en"))
        let vi = try Strings(language: .vietnamese, json: VaxResourcesData.strings("vi"))
        #expect(en.count("checkIn.doses", 1) == "1 dose")
        #expect(en.count("checkIn.doses", 2) == "2 doses")
        #expect(vi.count("checkIn.doses", 1) == "1 mũi")
        #expect(en.message(for: .sessionNotResolved(inObservation: 0, openVials: 1, waiting: 0))
            == "The session cannot close yet: 1 vial open. First discard the vials.")
    }

    @Test("placeholders are filled; a missing key shows itself")
    func placeholders() {
        let strings = Strings(language: .english, table: ["t": "No. {n} for {name}"])
        #expect(strings.text("t", ["n": "12", "name": "Đức"]) == "No. 12 for Đức")
        #expect(strings["missing.key"] == "missing.key")
    }
}
