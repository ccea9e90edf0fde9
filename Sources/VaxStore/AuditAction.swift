/// What an audit row says happened: every clinical event, and the acts around them. The name is what
/// the `action` column holds; a new act is a new case, and the switch says its name.
enum AuditAction: Sendable {
    case clinical(ClinicalEvent)
    case signIn, signInFailed, signInLocked, pinReset, pinChanged, staffImport
    case rosterImport
    /// A report or a FHIR file written for someone.
    case export
    /// Someone read the roster's full numbers outside a desk (`vaxdesk search --by`).
    case rosterSearch
    case certificatePrinted
    /// A push to the centre that sent or refused something; the site lead sending refused records again.
    case sync, syncRequeue
    case aefiAcknowledged
    /// The site lead allowed a dose the rules refuse; a screening recorded more leniently than computed.
    case doseOverride, screeningLenient
    /// A screening concluded without vital signs: the doctor's reason.
    case vitalsNotTaken
    /// Someone still waiting when the session closed went home without a dose.
    case leftWithoutDose
    /// A verified copy of the database written elsewhere; the database put back from such a copy.
    case backup, restore
    /// The site lead added someone to the open session's team.
    case teamAdded
    /// The site's document-signing certificate installed; a request for one written.
    case signerInstalled, signerRequested
    /// A person the roster lacked taken onto it from the centre's answer at check-in.
    case personFromCentre

    /// Every act but the clinical events (`ClinicalEvent.allCases`), so that each has its words in
    /// every language (a test holds the strings to them).
    static let acts: [AuditAction] = [
        .signIn, .signInFailed, .signInLocked, .pinReset, .pinChanged, .staffImport, .rosterImport, .export, .rosterSearch,
        .certificatePrinted, .sync, .syncRequeue, .aefiAcknowledged, .doseOverride, .screeningLenient, .vitalsNotTaken,
        .leftWithoutDose, .backup, .restore, .teamAdded, .signerInstalled, .signerRequested,
        .personFromCentre,
    ]

    var name: String {
        switch self {
        case .clinical(let event): event.rawValue
        case .signIn: "sign-in"
        case .signInFailed: "sign-in-failed"
        case .signInLocked: "sign-in-locked"
        case .pinReset: "pin-reset"
        case .pinChanged: "pin-changed"
        case .staffImport: "staff-import"
        case .rosterImport: "roster-import"
        case .export: "export"
        case .rosterSearch: "roster-search"
        case .certificatePrinted: "certificate-printed"
        case .sync: "sync"
        case .syncRequeue: "sync-requeue"
        case .aefiAcknowledged: "aefi-acknowledged"
        case .doseOverride: "dose-override"
        case .screeningLenient: "screening-lenient"
        case .vitalsNotTaken: "vitals-not-taken"
        case .leftWithoutDose: "left-without-dose"
        case .backup: "backup"
        case .restore: "restore"
        case .teamAdded: "team-added"
        case .signerInstalled: "signer-installed"
        case .signerRequested: "signer-requested"
        case .personFromCentre: "person-from-centre"
        }
    }
}
