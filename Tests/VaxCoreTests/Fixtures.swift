import VaxCore
import VaxResources

/// The shipped data files, loaded as the program loads them.
enum Fixtures {
    static let checklist = try! Checklist(json: VaxResources.data("checklists/3802-QD-BYT.json"))
    static let catalog = try! VaccineCatalog(json: VaxResources.data("vaccines.json"))
    static let provinces = try! ProvinceCodes(json: VaxResources.data("provinces.json"))
}
