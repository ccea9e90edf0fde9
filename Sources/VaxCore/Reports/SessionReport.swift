import Foundation

/// The end-of-session report, in the spirit of the daily report of Decision 3588/QĐ-BYT: people
/// vaccinated by product, dose number, sex, age group and priority group; those not vaccinated and why;
/// adverse events; vials used, wasted and returned per lot.
public struct SessionReport: Codable, Hashable, Sendable {
    public struct Lot: Codable, Hashable, Sendable {
        public var product: String
        public var lot: String
        public var dosesReceived: Int
        public var vialsOpened: Int
        public var dosesInOpenedVials: Int
        public var dosesGiven: Int
        public var dosesWasted: Int
        public init(product: String, lot: String, dosesReceived: Int, vialsOpened: Int, dosesInOpenedVials: Int,
                    dosesGiven: Int, dosesWasted: Int) {
            self.product = product
            self.lot = lot
            self.dosesReceived = dosesReceived
            self.vialsOpened = vialsOpened
            self.dosesInOpenedVials = dosesInOpenedVials
            self.dosesGiven = dosesGiven
            self.dosesWasted = dosesWasted
        }

        /// Doses received and never opened: returned to the district store.
        public var dosesReturned: Int { max(0, dosesReceived - dosesInOpenedVials) }
    }

    /// A person registered for the day who did not come.
    public struct Absent: Codable, Hashable, Sendable {
        public var name: String
        public var birthDate: String
        public var slot: String
        public var phone: String?

        public init(name: String, birthDate: String, slot: String, phone: String?) {
            self.name = name
            self.birthDate = birthDate
            self.slot = slot
            self.phone = phone
        }
    }

    public var sessionID: UUID
    public var day: String
    public var place: String
    public var status: String
    public var checkedIn = 0
    public var vaccinated = 0
    public var byProduct: [String: Int] = [:]
    public var byDoseNumber: [String: Int] = [:]
    public var bySex: [String: Int] = [:]
    public var byAgeGroup: [String: Int] = [:]
    public var byPriorityGroup: [String: Int] = [:]
    public var deferred = 0
    public var contraindicated = 0
    public var referred = 0
    /// Screened fit for the dose, and declined it.
    public var refused = 0
    /// People still waiting when the session closed, who went home without a dose, by the queue they
    /// were in (`waiting-screening`, `waiting-injection`).
    public var leftWithoutDose: [String: Int] = [:]
    /// People registered ahead for the session's day, and those of them who did not come (for the
    /// team to call), by slot and name.
    public var registered = 0
    public var noShows: [Absent] = []
    public var aefiCommon = 0
    public var aefiSerious = 0
    public var lots: [Lot] = []

    public init(sessionID: UUID, day: String, place: String, status: String) {
        self.sessionID = sessionID
        self.day = day
        self.place = place
        self.status = status
    }

    /// Counts one injection given at the session to `person` (age taken on the session's day).
    public mutating func addVaccinated(product: String, doseNumber: Int, person: Person) {
        vaccinated += 1
        byProduct[product, default: 0] += 1
        byDoseNumber[String(doseNumber), default: 0] += 1
        bySex[person.sex.rawValue, default: 0] += 1
        byAgeGroup[Self.ageGroup(born: person.birthDate, on: day), default: 0] += 1
        byPriorityGroup[person.priorityGroup ?? "", default: 0] += 1
    }

    /// "18-49": the age band on the session's day (`AgeBand`).
    public static func ageGroup(born: BirthDate, on day: String) -> String {
        AgeBand.age(born: born, on: day).map { AgeBand.of(age: $0).rawValue } ?? "?"
    }
}

extension SessionReport {
    /// The values of the "left without a dose" line, by the queue people were still waiting in.
    public var leftWithoutDoseValues: [String: String] {
        ["screening": String(leftWithoutDose[VisitStage.waitingScreening.rawValue] ?? 0),
         "injection": String(leftWithoutDose[VisitStage.waitingInjection.rawValue] ?? 0)]
    }
}
