import VaxCore

/// What a key can ask for. Screens map keys to commands in their key maps; the function bar and the
/// help are drawn from those maps.
public enum Command: Hashable, Sendable {
    case help, switchStation, quit, signOut
    case confirm, back, clear
    case toggle
    case arm(Arm)
    case dismiss
    /// Check-in: register a walk-in, keep a new record despite look-alikes, the site lead's override of
    /// a dose refusal, a dose from a paper record.
    case newPerson, saveAnyway, override, addPaperDose
    /// Check-in: correct the record of the person in the last look (from their card or papers).
    case correctPerson
    /// Check-in: ask the centre for the doses of the person in the last look that other sites gave.
    case askCentre
    /// The observation desk records an adverse event; the site lead acknowledges a serious one.
    case adverseEvent, acknowledgeAlert, printCertificate
    /// The screening desk: vital signs, why they could not be taken, every item not yet answered "Không",
    /// the person declining the dose.
    case vitals, vitalsNotTaken, answerRest, refuse
    /// The injection desk's vials (the list of them with nobody called, opening one, discarding one).
    case manageVials, openVial, discardVial
    /// Opens a screen that is not a station (the station picker's function keys).
    case open(AppState.Destination)
    /// The site lead's close-out, sessions, staff and audit trail.
    case closeSession, openSession, addStaff, history, resetPIN, auditTrail
    /// The site lead voids a record of the audit trail entered in error.
    case voidRecord
}
