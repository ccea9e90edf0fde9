import Foundation
import VaxCore
import VaxResources

/// The data files of Resources/, loaded once at start.
struct LoadedResources: Sendable {
    let strings: Strings
    let catalog: VaccineCatalog
    let checklist: Checklist
    let provinces: ProvinceCodes
    let language: Language

    static let defaultChecklist = "checklists/3802-QD-BYT.json"

    init(language: Language) throws {
        self.language = language
        strings = try Strings(language: language, json: VaxResources.data("strings/\(language.rawValue).json"))
        catalog = try VaccineCatalog(json: VaxResources.data("vaccines.json"))
        checklist = try Checklist(json: VaxResources.data(Self.defaultChecklist))
        provinces = try ProvinceCodes(json: VaxResources.data("provinces.json"))
    }
}
