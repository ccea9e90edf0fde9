import Foundation
import TestSupport
import VaxCore
import VaxDemo
import VaxStore

/// A site database on a temporary file, set up as the demo site with a small roster.
struct StoreFixture {
    let directory = TemporaryDirectory("vaxstore")
    let database: AppDatabase
    let demo: DemoSite
    let now = Date()

    init(people: Int = 200, openSession: Bool = true, lotExpiry: LocalDate? = nil) throws {
        database = try AppDatabase(path: directory.file("site.db"))
        demo = DemoSite(today: now, timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        var lots = demo.lots
        if let lotExpiry { lots[1].expiry = lotExpiry }
        if openSession {
            try database.createSite(demo.site, staff: demo.staff, session: demo.session, lots: lots, openedBy: nil, at: now)
        }
        try database.insertRoster(DemoRoster(count: people), source: .demo, at: now)
    }

    func staff(_ role: Role) -> Staff { demo.staff.first { $0.role == role }! }

    /// The site lead's id, for the acts only they may do.
    var lead: UUID { staff(.siteLead).id }

    var policy: ObservationPolicy { ObservationPolicy(standardMinutes: 30, cautionMinutes: 60) }

    func person(named name: String, born: BirthDate = BirthDate(year: 1980, month: 1, day: 1)!, sex: Sex = .male,
                id number: String? = nil) throws -> Person {
        let person = Person(fullName: name, birthDate: born, sex: sex, identityNumber: number, commune: "P. An Hòa")
        try database.insertRoster([RosterEntry(person: person)], source: .roster, at: now)
        return person
    }

    func checkIn(_ person: Person, override: String? = nil, by role: Role = .checkInNurse) throws -> AppDatabase.Ticket {
        try database.checkIn(personID: person.id, catalog: Self.catalog, override: override, by: staff(role).id, at: now)
    }

    /// Opens a vial of `lot` and draws the person's dose from it.
    func inject(_ visitID: UUID, lot: VaccineLot, arm: Arm = .left, at date: Date? = nil) throws -> (injectionID: UUID, observationDue: Date) {
        let vial = try database.openVial(lotID: lot.id, catalog: Self.catalog, by: staff(.vaccinator).id, at: date ?? now)
        return try database.recordInjection(
            visitID: visitID, vialID: vial.id, arm: arm, observation: policy, by: staff(.vaccinator).id, at: date ?? now)
    }

    func screen(_ visitID: UUID, yes items: Set<String> = []) throws -> UUID {
        let outcome = Self.checklist.assess(yes: items, product: nil).outcome
        return try database.recordScreening(
            ScreeningDecision(visitID: visitID, checklistVersion: Self.checklist.version, answers: Self.checklist.answers(yes: items),
                              computedOutcome: outcome, outcome: outcome, consent: outcome.proceedsToInjection,
                              vitals: .withinThresholds),
            checklist: Self.checklist, by: staff(.screeningDoctor).id, at: now)
    }

    static let checklist = try! Checklist(json: Data(contentsOf: resource("checklists/3802-QD-BYT.json")))
    static let catalog = try! VaccineCatalog(json: Data(contentsOf: resource("vaccines.json")))
    static let provinces = try! ProvinceCodes(json: Data(contentsOf: resource("provinces.json")))

    static func resource(_ path: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/data/\(path)")
    }
}
