import Foundation

/// When the next dose may be given and with which products, from the catalog's intervals and mixing
/// rules: a primary series waits its interval and is completed with the same product or one it mixes
/// with; a booster waits `boosterMinDays` after the last dose.
public struct DoseEligibility: Hashable, Sendable {
    public let plan: DosePlan
    /// The first local day the dose may be given, `yyyy-mm-dd`; nil for a first dose.
    public let earliestDay: String?
    /// The products allowed for this dose (codes), in catalog order.
    public let allowedProducts: [String]
    /// The days that must pass since the last dose, and the product that set them.
    public let minimumDays: Int?
    public let lastProduct: String?
    /// The doses on record, oldest first: the last look shows them.
    public let priors: [PriorDose]

    public init(after priors: [PriorDose], catalog: VaccineCatalog) {
        plan = DosePlan(after: priors, catalog: catalog)
        let ordered = priors.sorted { ($0.doseNumber, $0.givenOn) < ($1.doseNumber, $1.givenOn) }
        self.priors = ordered
        guard let last = ordered.last, let first = ordered.first else {
            earliestDay = nil
            minimumDays = nil
            lastProduct = nil
            allowedProducts = catalog.products.map(\.code)
            return
        }
        lastProduct = last.productCode
        let series = catalog.product(first.productCode)
        let days: Int
        switch plan.series {
        case .primary:
            let gaps = series?.intervalsDays ?? []
            days = gaps.isEmpty ? 28 : gaps[min(gaps.count, max(1, plan.doseNumber - 1)) - 1]
            let partners = series.map { [$0.code] + $0.mixesWith } ?? [first.productCode]
            allowedProducts = catalog.products.map(\.code).filter { partners.contains($0) }
        case .booster:
            days = catalog.boosterMinDays
            allowedProducts = catalog.products.map(\.code)
        }
        minimumDays = days
        earliestDay = Self.day(last.givenOn, plus: days)
    }

    /// Whether the dose may be given on `day` (`yyyy-mm-dd`).
    public func isDue(on day: String) -> Bool {
        guard let earliestDay else { return true }
        return day >= earliestDay
    }

    /// `yyyy-mm-dd` plus a number of days (a year-only date counts from its 1 January).
    static func day(_ text: String, plus days: Int) -> String? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard !parts.isEmpty else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = DateComponents(year: parts[0], month: parts.count > 1 ? parts[1] : 1, day: parts.count > 2 ? parts[2] : 1)
        guard let date = calendar.date(from: start), let later = calendar.date(byAdding: .day, value: days, to: date) else {
            return nil
        }
        let c = calendar.dateComponents([.year, .month, .day], from: later)
        return "\(c.year!.zeroPadded(4))-\(c.month!.zeroPadded(2))-\(c.day!.zeroPadded(2))"
    }
}
