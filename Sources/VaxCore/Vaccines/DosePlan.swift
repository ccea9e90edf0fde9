import Foundation

/// A dose given before, from the roster, a paper record or this site.
public struct PriorDose: Hashable, Sendable {
    public var doseNumber: Int
    public var productCode: String
    /// The local day it was given, `yyyy-mm-dd`.
    public var givenOn: String
    /// Where it was given, when the record says (the site, or the paper record's place).
    public var place: String?

    public init(doseNumber: Int, productCode: String, givenOn: String, place: String? = nil) {
        self.place = place
        self.doseNumber = doseNumber
        self.productCode = productCode
        self.givenOn = givenOn
    }
}

/// Which dose a person comes for: its number and its place in the series.
public struct DosePlan: Hashable, Sendable {
    public enum Series: String, Sendable, Codable { case primary, booster }

    public let doseNumber: Int
    public let series: Series

    /// The next dose after `priors`: primary while the first product's series is incomplete, then booster.
    public init(after priors: [PriorDose], catalog: VaccineCatalog) {
        let given = priors.map(\.doseNumber).max() ?? 0
        doseNumber = given + 1
        let firstProduct = priors.min { $0.doseNumber < $1.doseNumber }.flatMap { catalog.product($0.productCode) }
        let primaryDoses = firstProduct?.primaryDoses ?? 2
        series = doseNumber <= primaryDoses ? .primary : .booster
    }
}
