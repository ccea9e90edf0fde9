import Foundation

/// Why a clinical step was refused. Each case carries what the person at the desk needs to act on it;
/// `messageKey` names its text in `Resources/data/strings`.
public enum VisitError: Error, Hashable, Sendable {
    /// Nothing clinical is recorded outside an open session.
    case noOpenSession
    /// The person already has a visit in this session.
    case alreadyCheckedIn(ticket: Int)
    /// Another desk moved the visit on first (or it never reached this station).
    case notAtStage(expected: VisitStage, actual: VisitStage)
    /// What the step needs is not (or no longer) in the store: which, so that the desk can say so.
    case notFound(Missing)
    /// The lot belongs to another session.
    case lotNotInSession
    /// The lot's expiry date has passed.
    case lotExpired(expiry: String)
    /// The dose may not be given today (too early, or no product of the session may complete the
    /// series), and no site lead overrode it.
    case doseRefused(DoseRefusal)
    /// The lot's product may not be used for this dose (the series' mixing rules).
    case productNotAllowed(product: String)
    /// The vial is finished (emptied or discarded) or belongs to another session.
    case vialNotUsable
    /// The vial's discard time has passed: it must be discarded, not drawn from.
    case vialPastDiscardTime(discardDue: Date)
    /// A vial of an expired lot may not be opened.
    case vialLotExpired(expiry: String)
    /// A vial discarded with doses left needs a reason.
    case discardReasonRequired
    /// A screening outcome more lenient than the checklist's needs a reason.
    case lenientOutcomeNeedsReason
    /// The person has not consented to the injection.
    case consentRequired
    /// Items of the checklist that apply to the person were not answered.
    case screeningUnanswered(items: [String])
    /// The vital signs were not taken, and why not is not said.
    case vitalSignsMissing
    /// A session cannot close while people are under observation or vials are open: each is resolved first.
    /// `waiting`: people still waiting for screening or injection, who must be recorded as leaving
    /// without a dose (with a reason) first.
    case sessionNotResolved(inObservation: Int, openVials: Int, waiting: Int)
    /// Leaving without a dose needs a reason.
    case leftWithoutDoseReasonRequired
    /// An amendment needs a reason.
    case amendmentReasonRequired
    /// The record was voided already (or an injection voided is amended).
    case alreadyVoided
    /// A screening that sent the person on to a dose is voided only once that dose is.
    case voidInjectionFirst
    /// A dose pulled from the centre is the giving site's record: only that site corrects or voids it.
    case recordedElsewhere(String)
    /// An anaphylaxis grade is I to IV.
    case anaphylaxisGradeOutOfRange
    /// Two records with different identity numbers are two people: they are not merged.
    case differentIdentityNumbers
    /// Both records came to the same session: which visit was the person's is for the site lead to
    /// settle first.
    case bothInSession
    /// The record was merged into another already.
    case alreadyMerged
    /// No staff member of the site has this code.
    case unknownStaffCode(String)
    /// A session is already open: close it before opening another.
    case sessionAlreadyOpen
    /// The staff member's role may not do this act (`role` nil: no such staff member).
    case notPermitted(Act, role: Role?)
    /// A PIN is 4 to 8 digits.
    case malformedPIN
    /// A walk-in carries an identity number someone on the roster already has.
    case identityNumberOnRoster
    /// Another desk has called the person (`code`, `name`: who).
    case claimedElsewhere(code: String, name: String)
    /// Discharge before the end of observation needs a reason.
    case observationNotOver(due: Date)
    /// A person with a serious adverse event leaves only referred, or with a recorded outcome.
    case seriousEventUnresolved
    /// The staff member is not on the open session's team.
    case notOnTeam

    public var messageKey: String {
        switch self {
        case .noOpenSession: "error.noOpenSession"
        case .alreadyCheckedIn: "error.alreadyCheckedIn"
        case .notAtStage: "error.notAtStage"
        case .notFound(let missing): "error.notFound.\(missing.rawValue)"
        case .lotNotInSession: "error.lotNotInSession"
        case .lotExpired: "error.lotExpired"
        case .observationNotOver: "error.observationNotOver"
        case .seriousEventUnresolved: "error.seriousEventUnresolved"
        case .notOnTeam: "error.notOnTeam"
        case .identityNumberOnRoster: "error.identityNumberOnRoster"
        case .vialNotUsable: "error.vialNotUsable"
        case .lenientOutcomeNeedsReason: "error.lenientOutcomeNeedsReason"
        case .notPermitted: "error.notPermitted"
        case .malformedPIN: "error.malformedPIN"
        case .sessionNotResolved: "error.sessionNotResolved"
        case .leftWithoutDoseReasonRequired: "error.leftWithoutDoseReasonRequired"
        case .sessionAlreadyOpen: "error.sessionAlreadyOpen"
        case .unknownStaffCode: "error.unknownStaffCode"
        case .amendmentReasonRequired: "error.amendmentReasonRequired"
        case .alreadyVoided: "error.alreadyVoided"
        case .voidInjectionFirst: "error.voidInjectionFirst"
        case .recordedElsewhere: "error.recordedElsewhere"
        case .anaphylaxisGradeOutOfRange: "error.anaphylaxisGradeOutOfRange"
        case .differentIdentityNumbers: "error.differentIdentityNumbers"
        case .bothInSession: "error.bothInSession"
        case .alreadyMerged: "error.alreadyMerged"
        case .consentRequired: "error.consentRequired"
        case .screeningUnanswered: "error.screeningUnanswered"
        case .claimedElsewhere: "error.claimedElsewhere"
        case .vitalSignsMissing: "error.vitalSignsMissing"
        case .vialPastDiscardTime: "error.vialPastDiscardTime"
        case .vialLotExpired: "error.lotExpired"
        case .discardReasonRequired: "error.discardReasonRequired"
        case .doseRefused(.tooEarly): "error.tooEarly"
        case .doseRefused(.noAllowedProduct): "error.noAllowedProduct"
        case .productNotAllowed: "error.productNotAllowed"
        }
    }

    /// Values for the message's placeholders.
    public var messageValues: [String: String] {
        switch self {
        case .alreadyCheckedIn(let ticket): ["ticket": String(ticket)]
        case .notAtStage(_, let actual): ["stage": actual.rawValue]
        case .lotExpired(let expiry): ["expiry": expiry]
        case .observationNotOver, .seriousEventUnresolved, .notOnTeam: [:]
        case .doseRefused(.tooEarly(let day, let days)): ["date": LocalDay.shown(day), "days": String(days)]
        case .doseRefused(.noAllowedProduct(let allowed)): ["products": allowed.joined(separator: ", ")]
        case .productNotAllowed(let product): ["product": product]
        case .screeningUnanswered(let items): ["items": items.joined(separator: ", ")]
        case .claimedElsewhere(let code, let name): ["code": code, "name": name]
        case .recordedElsewhere(let site): ["site": site]
        case .lenientOutcomeNeedsReason, .consentRequired, .vitalSignsMissing, .malformedPIN, .sessionAlreadyOpen, .amendmentReasonRequired,
             .alreadyVoided, .voidInjectionFirst, .anaphylaxisGradeOutOfRange,
             .differentIdentityNumbers, .bothInSession, .alreadyMerged: [:]
        case .notPermitted: [:]
        case .sessionNotResolved: [:]
        case .leftWithoutDoseReasonRequired: [:]
        case .unknownStaffCode(let code): ["code": code]
        case .vialNotUsable, .vialPastDiscardTime, .discardReasonRequired: [:]
        case .vialLotExpired(let expiry): ["expiry": expiry]
        case .noOpenSession, .notFound, .lotNotInSession, .identityNumberOnRoster: [:]
        }
    }
}

/// What a step looked for and did not find.
public enum Missing: String, Hashable, Sendable, CaseIterable {
    case person, visit, lot, vial, session, site, injection, observation, product
}

extension Strings {
    /// A refusal's message in this language (a refused act names the role and the act in words).
    public func message(for error: VisitError) -> String {
        var values = error.messageValues
        if case .notPermitted(let act, let role) = error {
            values["act"] = self["act.\(act.rawValue)"]
            values["role"] = self["role.\(role?.rawValue ?? "unknown")"]
        }
        if case .sessionNotResolved(let people, let vials, let waiting) = error {
            // Only what is still open is named, each with what to do about it.
            let open = [("waiting", waiting), ("observation", people), ("vials", vials)].filter { $0.1 > 0 }
            let key = error.messageKey
            values["what"] = open.map { count(key + "." + $0.0, $0.1) }.joined(separator: ", ")
            values["todo"] = open.map { self[key + "." + $0.0 + "Todo"] }.joined(separator: ", ")
        }
        return text(error.messageKey, values)
    }
}
