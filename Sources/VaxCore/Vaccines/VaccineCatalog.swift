import Foundation

/// The vaccines a site may give, with their doses, intervals and vial facts, loaded from
/// `Resources/data/vaccines.json`. Values DOMAIN.md leaves unsourced are marked there and configurable.
public struct VaccineCatalog: Sendable, Decodable {
    public struct Product: Sendable, Decodable, Hashable, Identifiable {
        public let code: String
        public let name: String
        public let primaryDoses: Int
        /// Minimum days between primary doses: element i is the gap before dose i + 2.
        public let intervalsDays: [Int]
        public let dosesPerVial: Int
        public let discardHours: Int
        public let discardAtSessionEnd: Bool
        /// Products that may follow this one in a series.
        public let mixesWith: [String]
        /// Other names lists use for the product ("AZ", "Covishield", "Comirnaty").
        public let aliases: [String]
        /// How a signed certificate names the product.
        public let certificate: CertificateCodes
        public var id: String { code }
    }

    /// The codes of the EU DCC value sets that a signed certificate carries for a product.
    public struct CertificateCodes: Sendable, Decodable, Hashable {
        /// Vaccine type: SNOMED CT ("1119349007", an mRNA vaccine) or ATC ("J07BX03").
        public let vaccineType: String
        /// The EU authorisation number, or the value set's name for a product without one.
        public let product: String
        /// Manufacturer or market-authorisation holder.
        public let manufacturer: String
    }

    public struct ObservationMinutes: Sendable, Decodable, Hashable {
        public let standard: Int
        public let caution: Int
    }

    public let products: [Product]
    public let boosterMinDays: Int
    public let additionalMinDays: Int
    public let observationMinutes: ObservationMinutes

    /// Every code, name and alias by its key, made once: a roster of a million rows names a product
    /// in most of them.
    private let productsByKey: [String: Int]

    private enum CodingKeys: String, CodingKey {
        case products, boosterMinDays, additionalMinDays, observationMinutes
    }

    public init(json: Data) throws {
        self = try JSONDecoder().decode(VaccineCatalog.self, from: json)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        products = try container.decode([Product].self, forKey: .products)
        boosterMinDays = try container.decode(Int.self, forKey: .boosterMinDays)
        additionalMinDays = try container.decode(Int.self, forKey: .additionalMinDays)
        observationMinutes = try container.decode(ObservationMinutes.self, forKey: .observationMinutes)
        var byKey: [String: Int] = [:]
        for (index, product) in products.enumerated() {
            for name in [product.code, product.name] + product.aliases where byKey[Self.key(name)] == nil {
                byKey[Self.key(name)] = index
            }
        }
        productsByKey = byKey
    }

    public func product(_ code: String) -> Product? { products.first { $0.code == code } }

    /// "Pfizer, Moderna": products by the first word of their names ("Pfizer-BioNTech Comirnaty" is
    /// Pfizer), for a line that lists several; an unknown code as it is.
    public func shortNames(_ codes: [String]) -> String {
        codes.map { code in
            product(code).map { String($0.name.split(whereSeparator: { $0 == " " || $0 == "-" })[0]) } ?? code
        }
        .joined(separator: ", ")
    }

    /// The product a list names, by code, name or alias, ignoring case, accents and spacing.
    public func product(named text: String) -> Product? {
        productsByKey[Self.key(text)].map { products[$0] }
    }

    private static func key(_ text: String) -> String {
        NameFolding.fold(text).filter { $0.isLetter || $0.isNumber }
    }
}
