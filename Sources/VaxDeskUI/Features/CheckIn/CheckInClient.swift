import Foundation
import VaxCore

/// The roster and the check-in desk's records.
public struct CheckInClient: Sendable {
    public var search: @Sendable (_ query: String) throws -> [RosterMatch]
    /// How many people a query matches, counted up to `RosterQuery.countCap` (one more means more).
    public var countMatches: @Sendable (_ query: String) throws -> Int = DeskClient.unset("checkIn.countMatches")
    public var doseHistory: @Sendable (_ personID: UUID) throws -> [PriorDose]
    /// Checks the person in; returns the ticket number. `override`: the site lead's reason for a dose
    /// the rules refuse.
    public var checkIn: @Sendable (_ person: Person, _ override: String?, _ by: UUID) throws -> Int
    public var possibleDuplicates: @Sendable (_ person: Person) throws -> [RosterMatch]
    public var registerWalkIn: @Sendable (_ person: Person, _ by: UUID) throws -> Void
    /// False when the dose was on record already.
    public var savePaperDose: @Sendable (_ dose: BackfillDose, _ personID: UUID, _ by: UUID) throws -> Bool
    /// Corrects the person's record; returns it as corrected (throws `CorrectionRefusal` when it would
    /// break a rule of a new record).
    public var correctPerson: @Sendable (_ personID: UUID, _ correction: PersonCorrection, _ by: UUID) throws -> Person
        = DeskClient.unset("checkIn.correctPerson")
    /// The corrections of the person's record, newest first.
    public var corrections: @Sendable (_ personID: UUID) throws -> [PersonCorrectionEntry] = DeskClient.unset("checkIn.corrections")
    /// A scanned HC1 certificate, read and checked against the site's trust and revocation lists.
    public var readCertificate: @Sendable (_ text: String) throws -> CertificateReading = DeskClient.unset("checkIn.readCertificate")
    /// Who the centre holds under a whole CCCD or CMND; never throws: no answer is an answer too.
    public var askCentre: @Sendable (_ identifier: String) -> CentreLookupAnswer = { _ in .couldNotAsk(.noAnswer) }
    /// Takes a person the centre answered onto the roster; the person as the roster holds them.
    public var acceptFromCentre: @Sendable (_ found: CentreLookup.Found, _ by: UUID) throws -> Person
        = DeskClient.unset("checkIn.acceptFromCentre")

    static let unimplemented = CheckInClient(
        search: DeskClient.unset("checkIn.search"), doseHistory: DeskClient.unset("checkIn.doseHistory"),
        checkIn: DeskClient.unset("checkIn.checkIn"), possibleDuplicates: DeskClient.unset("checkIn.possibleDuplicates"),
        registerWalkIn: DeskClient.unset("checkIn.registerWalkIn"), savePaperDose: DeskClient.unset("checkIn.savePaperDose"))
}
