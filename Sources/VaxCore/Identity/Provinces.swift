import Foundation

/// The province codes that open a CCCD number (Circular 07/2016/TT-BCA, Annex 1), loaded from
/// `Resources/data/provinces.json`.
public struct ProvinceCodes: Sendable {
    public struct Province: Codable, Hashable, Sendable {
        public let code: String
        public let name: String
    }

    public let provinces: [Province]
    private let byCode: [String: Province]

    public init(provinces: [Province]) {
        self.provinces = provinces
        self.byCode = Dictionary(provinces.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public init(json: Data) throws {
        struct File: Decodable { let provinces: [Province] }
        self.init(provinces: try JSONDecoder().decode(File.self, from: json).provinces)
    }

    public func name(of code: String) -> String? { byCode[code]?.name }
}
