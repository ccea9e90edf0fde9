import Foundation
import VaxCore

/// What the check-in desk asks for.
public enum CheckInEffect: DeskEffect {
    case search(String)
    /// The list is full: how many the query matches in all.
    case countMatches(String)
    case loadDoseHistory(personID: UUID)
    /// `override`: the site lead's reason for giving a dose the rules refuse.
    case checkIn(person: Person, override: String?, by: UUID)
    case findDuplicates(Person)
    case registerWalkIn(Person, by: UUID)
    case savePaperDose(BackfillDose, personID: UUID, by: UUID)
    case correctPerson(UUID, PersonCorrection, by: UUID)
    case loadCorrections(personID: UUID)
    /// A signed certificate (HC1) scanned: read and checked against the lists the site keeps.
    case readCertificate(String)
    /// The roster lacks a whole CCCD or CMND: the centre is asked who holds it (on a thread of its own:
    /// the network may be slow, and the desk goes on taking keys).
    case askCentre(String)
    /// The person the centre answered, taken onto the roster with the doses other sites gave them.
    case acceptFromCentre(CentreLookup.Found, by: UUID)

    public enum Answer: Sendable {
        case searchResults(query: String, [RosterMatch])
        /// nil: the count failed; the list stays as it is (it is only a hint about its length).
        case matchCount(query: String, Int?)
        case doseHistoryLoaded(personID: UUID, [PriorDose])
        case checkedIn(ticket: Int)
        /// People on the roster who may be the walk-in about to be registered (empty: nobody).
        case duplicatesFound(Person, [RosterMatch])
        case walkInRegistered(Person)
        /// A paper-record dose was saved (`added` false: it was on record already).
        case paperDoseSaved(personID: UUID, added: Bool)
        /// The last look's dose history, with the corrections of the person's record.
        case correctionsLoaded(personID: UUID, [PersonCorrectionEntry])
        case personCorrected(Person)
        /// The corrected record would break a rule of a new one (another desk changed it meanwhile).
        case correctionRefused(UUID, CorrectionRefusal)
        case certificateRead(CertificateReading)
        case centreAnswered(identifier: String, CentreLookupAnswer)
        case acceptedFromCentre(Person)
    }

    public var isWrite: Bool {
        switch self {
        case .checkIn, .registerWalkIn, .savePaperDose, .correctPerson, .acceptFromCentre: true
        case .search, .countMatches, .loadDoseHistory, .findDuplicates, .loadCorrections, .readCertificate, .askCentre: false
        }
    }

    public var runsInBackground: Bool {
        if case .askCentre = self { return true }
        return false
    }

    public func perform(on client: DeskClient) throws -> Answer {
        let desk = client.checkIn
        switch self {
        case .search(let text): return .searchResults(query: text, try desk.search(text))
        case .countMatches(let text): return .matchCount(query: text, try? desk.countMatches(text))
        case .loadDoseHistory(let personID): return .doseHistoryLoaded(personID: personID, try desk.doseHistory(personID))
        case .checkIn(let person, let override, let by): return .checkedIn(ticket: try desk.checkIn(person, override, by))
        case .findDuplicates(let person): return .duplicatesFound(person, try desk.possibleDuplicates(person))
        case .registerWalkIn(let person, let by):
            try desk.registerWalkIn(person, by)
            return .walkInRegistered(person)
        case .savePaperDose(let dose, let personID, let by):
            return .paperDoseSaved(personID: personID, added: try desk.savePaperDose(dose, personID, by))
        case .loadCorrections(let personID): return .correctionsLoaded(personID: personID, try desk.corrections(personID))
        case .readCertificate(let text): return .certificateRead(try desk.readCertificate(text))
        case .askCentre(let identifier): return .centreAnswered(identifier: identifier, desk.askCentre(identifier))
        case .acceptFromCentre(let found, let by): return .acceptedFromCentre(try desk.acceptFromCentre(found, by))
        case .correctPerson(let personID, let correction, let by):
            do {
                return .personCorrected(try desk.correctPerson(personID, correction, by))
            } catch let refusal as CorrectionRefusal {
                return .correctionRefused(personID, refusal)
            }
        }
    }
}
