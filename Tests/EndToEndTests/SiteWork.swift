import Foundation
import VaxCore
import VaxStore

/// The store operations the desks use, to put people where an end-to-end test needs them (cleared by
/// screening, or injected) before a desk takes over.
struct SiteWork {
    let database: AppDatabase
    let catalog: VaccineCatalog
    let checklist: Checklist
    let staff: [Staff]

    init(path: String) throws {
        database = try AppDatabase(path: path)
        catalog = try VaccineCatalog(json: Data(contentsOf: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/data/vaccines.json")))
        checklist = try Checklist(json: Data(contentsOf: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/data/checklists/3802-QD-BYT.json")))
        staff = try database.staff()
    }

    func member(_ role: Role) -> Staff { staff.first { $0.role == role }! }

    /// Checked in and found eligible at screening, with consent.
    func cleared(_ person: Person, at date: Date = Date()) throws -> AppDatabase.Ticket {
        let ticket = try database.checkIn(personID: person.id, catalog: catalog, by: member(.checkInNurse).id, at: date)
        _ = try database.recordScreening(
            ScreeningDecision(visitID: ticket.visitID, checklistVersion: checklist.version, answers: checklist.answers(yes: []),
                              computedOutcome: .eligible, outcome: .eligible, consent: true, vitals: .withinThresholds),
            checklist: checklist, by: member(.screeningDoctor).id, at: date)
        return ticket
    }

    /// Cleared, then injected from a new vial of the session's lot of `product`; returns the injection's id.
    func injected(_ person: Person, product: String = "pfizer", at date: Date = Date()) throws -> UUID {
        let ticket = try cleared(person, at: date)
        let session = try database.openSession()!
        let lot = try database.lots(sessionID: session.id).first { $0.productCode == product }!
        let vaccinator = member(.vaccinator).id
        let vial = try database.openVial(lotID: lot.id, catalog: catalog, by: vaccinator, at: date)
        return try database.recordInjection(
            visitID: ticket.visitID, vialID: vial.id, arm: .left, observation: ObservationPolicy(catalog: catalog),
            by: vaccinator, at: date).injectionID
    }

    /// Nguyễn Thị Hồng Nhung, whom `DeskEndToEndTests.site` puts on every test roster.
    func nhung() throws -> Person {
        try database.searchRoster(RosterQuery("nhung 1990"))[0].person
    }
}
