import Testing
import VaxCore

@Suite("Dose intervals and mixing")
struct DoseEligibilityTests {
    func dose(_ number: Int, _ product: String, _ day: String) -> PriorDose {
        PriorDose(doseNumber: number, productCode: product, givenOn: day)
    }

    @Test("a first dose: any product, any day")
    func first() {
        let eligibility = DoseEligibility(after: [], catalog: Fixtures.catalog)
        #expect(eligibility.plan.doseNumber == 1)
        #expect(eligibility.earliestDay == nil)
        #expect(eligibility.allowedProducts.count == Fixtures.catalog.products.count)
        #expect(eligibility.isDue(on: "2021-08-01"))
    }

    @Test("the second dose waits the product's interval", arguments: [
        ("astrazeneca", "2021-08-10", "2021-10-05"), ("pfizer", "2021-08-10", "2021-08-31"),
        ("moderna", "2021-08-10", "2021-09-07"), ("verocell", "2021-12-20", "2022-01-10"),
    ])
    func interval(product: String, given: String, earliest: String) {
        let eligibility = DoseEligibility(after: [dose(1, product, given)], catalog: Fixtures.catalog)
        #expect(eligibility.earliestDay == earliest)
        #expect(!eligibility.isDue(on: given))
        #expect(eligibility.isDue(on: earliest))
    }

    @Test("mixing: AstraZeneca may be followed by Pfizer or Moderna; Vero Cell and Sputnik V by themselves", arguments: [
        ("astrazeneca", ["astrazeneca", "pfizer", "moderna"]), ("pfizer", ["pfizer", "moderna"]),
        ("moderna", ["pfizer", "moderna"]), ("verocell", ["verocell"]), ("sputnik-v", ["sputnik-v"]),
    ])
    func mixing(product: String, allowed: [String]) {
        let eligibility = DoseEligibility(after: [dose(1, product, "2021-08-10")], catalog: Fixtures.catalog)
        #expect(Set(eligibility.allowedProducts) == Set(allowed))
    }

    @Test("Abdala's third dose waits 14 days after the second")
    func abdala() {
        let eligibility = DoseEligibility(
            after: [dose(1, "abdala", "2021-09-01"), dose(2, "abdala", "2021-09-15")], catalog: Fixtures.catalog)
        #expect(eligibility.plan.doseNumber == 3 && eligibility.plan.series == .primary)
        #expect(eligibility.earliestDay == "2021-09-29")
    }

    @Test("a booster waits 6 months after the last dose, any product")
    func booster() {
        let eligibility = DoseEligibility(
            after: [dose(1, "verocell", "2021-08-01"), dose(2, "verocell", "2021-08-22")], catalog: Fixtures.catalog)
        #expect(eligibility.plan.series == .booster)
        #expect(eligibility.earliestDay == "2022-02-18")
        #expect(eligibility.allowedProducts.contains("pfizer"))
    }

    @Test("a dose recorded with its year only counts from 1 January")
    func yearOnly() {
        let eligibility = DoseEligibility(after: [dose(1, "pfizer", "2021")], catalog: Fixtures.catalog)
        #expect(eligibility.earliestDay == "2021-01-22")
    }
}
