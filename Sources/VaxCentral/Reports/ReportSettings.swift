import Foundation
import VaxCore

/// What the province's reports are read with: the catalog (how many doses complete a series, and
/// when), the province codes (their names), and the words of each language.
public struct ReportSettings: Sendable {
    public let catalog: VaccineCatalog
    public let provinces: ProvinceCodes
    let strings: [Language: Strings]

    public init(catalog: VaccineCatalog, provinces: ProvinceCodes, strings: [Strings]) {
        self.catalog = catalog
        self.provinces = provinces
        self.strings = Dictionary(strings.map { ($0.language, $0) }) { first, _ in first }
    }

    /// Vietnamese unless English is asked for (`?lang=en`).
    func strings(_ language: String?) -> Strings {
        strings[Language(rawValue: language ?? "") ?? .vietnamese] ?? strings[.vietnamese] ?? strings.values.first!
    }
}
