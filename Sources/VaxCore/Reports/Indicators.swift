import Foundation

/// One line of the centre's counts (`report_count`, summed): a kind of count for a product, dose
/// number, priority group and age band, and of its first doses those whose series is due by now.
public struct ReportCount: Hashable, Sendable {
    /// `dose`, `dose1-reached`, `people`, `deferred`, `contraindicated`, `referred`, `refused`,
    /// `aefi-serious`, `aefi-common`, `vials-opened`, `vial-doses`, `doses-wasted`.
    public var kind: String
    public var product: String
    /// The dose's number; for `dose1-reached`, the highest dose the person has had since.
    public var doseNumber: Int
    public var priorityGroup: String
    public var ageBand: String
    public var n: Int
    /// Of `n`, those counted on a day long enough ago for the series to be complete by now.
    public var due: Int

    /// The kinds counted of vials, which belong to no priority group or age band.
    public var isOfVials: Bool { ["vials-opened", "vial-doses", "doses-wasted"].contains(kind) }

    public init(kind: String, product: String, doseNumber: Int, priorityGroup: String, ageBand: String, n: Int, due: Int = 0) {
        self.kind = kind
        self.product = product
        self.doseNumber = doseNumber
        self.priorityGroup = priorityGroup
        self.ageBand = ageBand
        self.n = n
        self.due = due
    }
}

/// WHO's indicators of a COVID-19 campaign for a unit (an area, a priority group, an age band):
/// first doses (COV-1), later doses (COV-2), completed series (COV-c), all doses (COV-n); dropout
/// between the first and the last dose of the series, counted only for people whose interval has
/// passed; coverage against the target population; wastage of opened vials; AEFI per 100,000 doses.
public struct Indicators: Codable, Hashable, Sendable {
    public var unit: String
    public var name: String
    public var firstDoses = 0
    public var laterDoses = 0
    public var completedSeries = 0
    public var allDoses = 0
    /// People given a first dose long enough ago to have completed the series, and those who did.
    public var dueToComplete = 0
    public var completedOfDue = 0
    public var target: Int?
    public var dosesInOpenedVials = 0
    public var dosesWasted = 0
    public var aefiSerious = 0
    public var aefiNonSerious = 0

    public init(unit: String, name: String) {
        self.unit = unit
        self.name = name
    }

    /// Adds one summed count; `catalog` says how many doses complete a product's series.
    public mutating func add(_ count: ReportCount, catalog: VaccineCatalog) {
        let series = catalog.product(count.product)?.primaryDoses ?? 2
        switch count.kind {
        case "dose":
            allDoses += count.n
            if count.doseNumber == 1 { firstDoses += count.n } else { laterDoses += count.n }
            if count.doseNumber == series { completedSeries += count.n }
        case "dose1-reached":
            dueToComplete += count.due
            if count.doseNumber >= series { completedOfDue += count.due }
        case "vial-doses": dosesInOpenedVials += count.n
        case "doses-wasted": dosesWasted += count.n
        case "aefi-serious": aefiSerious += count.n
        case "aefi-common": aefiNonSerious += count.n
        default: break
        }
    }

    /// (COV-1 − COV-c) / COV-1 over the people whose series is due: nil while none is.
    public var dropout: Double? { dueToComplete == 0 ? nil : Double(dueToComplete - completedOfDue) / Double(dueToComplete) }
    public var firstDoseCoverage: Double? { target.flatMap { $0 > 0 ? Double(firstDoses) / Double($0) : nil } }
    public var completedCoverage: Double? { target.flatMap { $0 > 0 ? Double(completedSeries) / Double($0) : nil } }
    /// Doses of opened vials not given, of all the doses in them.
    public var openedVialWastage: Double? {
        dosesInOpenedVials == 0 ? nil : Double(dosesWasted) / Double(dosesInOpenedVials)
    }
    public var seriousPer100k: Double? { allDoses == 0 ? nil : Double(aefiSerious) * 100_000 / Double(allDoses) }
    public var nonSeriousPer100k: Double? { allDoses == 0 ? nil : Double(aefiNonSerious) * 100_000 / Double(allDoses) }
}

extension DailyReport {
    /// Adds one summed count of the unit's day.
    public mutating func add(_ count: ReportCount) {
        switch count.kind {
        case "people": people += count.n
        case "referred": referred += count.n
        case "refused": refused += count.n
        case "deferred": deferred += count.n
        case "contraindicated": contraindicated += count.n
        case "dose": addDoses(number: count.doseNumber, count.n)
        case "vial-doses": dosesUsed += count.n
        case "doses-wasted": dosesDiscarded += count.n
        case "aefi-common": aefiCommon += count.n
        case "aefi-serious": aefiSerious += count.n
        default: break
        }
    }
}

extension VaccineCatalog {
    /// Days from a first dose until the series can be complete: the product's intervals summed.
    public func daysToComplete(_ code: String) -> Int {
        guard let product = product(code) else { return 28 }
        return product.intervalsDays.prefix(max(0, product.primaryDoses - 1)).reduce(0, +)
    }
}
