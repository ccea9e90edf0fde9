import ArgumentParser
import Foundation
import VaxCore
import VaxStore

/// `vaxdesk session amend`: a record corrected afterwards, the old value kept in an amendment row.
struct SessionAmendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend",
        abstract: "Correct an injection, a screening or an adverse event, with a reason: an audited amendment.",
        discussion: """
            An injection: --arm left|right or --lot LOT (of the same session). A screening: --answer ITEM=yes|no \
            (the outcome the checklist gives follows) or --outcome eligible|caution|deferred|contraindicated|referred \
            (one that says a dose followed only when one did). An adverse event: --signs, --severity common|serious, \
            --grade 1-4 (or none), --actions, --referral, or its outcome followed up with --aefi-outcome \
            resolved|recovering|ongoing|resolvedWithSequelae|fatal|unknown. Site lead only; the amendment keeps the \
            old value, and the record goes to the centre again.
            """
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var staff: ActingStaff

    @Option(help: "An injection's record id (as on the certificate).")
    var injection: String?
    @Option(help: "The arm the dose was given in: left or right.")
    var arm: String?
    @Option(help: "The lot number the dose came from (a lot of the same session).")
    var lot: String?

    @Option(help: "A screening's record id (vaxdesk person history).")
    var screening: String?
    @Option(help: "An item of the checklist and its answer: 3=yes, 4a=no.")
    var answer: String?
    @Option(help: "The outcome to record.")
    var outcome: String?

    @Option(help: "An adverse event's record id.")
    var aefi: String?
    @Option(help: "The signs, as they are now known.")
    var signs: String?
    @Option(help: "common or serious.")
    var severity: String?
    @Option(help: "The anaphylaxis grade, 1 to 4, or none.")
    var grade: String?
    @Option(help: "What was done.")
    var actions: String?
    @Option(help: "Where the person was referred.")
    var referral: String?
    @Option(name: .customLong("aefi-outcome"), help: "How the person is now.")
    var aefiOutcome: String?

    @Option(help: "Why the record was wrong.")
    var reason: String

    mutating func validate() throws {
        guard [injection, screening, aefi].compactMap({ $0 }).count == 1 else {
            throw ValidationError("Give exactly one of --injection, --screening and --aefi.")
        }
        let changes: [String?] = injection != nil ? [arm, lot]
            : screening != nil ? [answer, outcome] : [signs, severity, grade, actions, referral, aefiOutcome]
        guard changes.compactMap({ $0 }).count == 1 else { throw ValidationError("Give exactly one thing to correct.") }
    }

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let lead = try staff.signIn(database, messages: messages)
        let given = injection ?? screening ?? aefi ?? ""
        guard let id = UUID(uuidString: given) else { throw messages.failure("badRecord", ["id": given]) }
        let now = Date()
        if injection != nil {
            let correction: AppDatabase.InjectionCorrection
            switch (arm.flatMap(Arm.init(rawValue:)), lot) {
            case (let arm?, nil): correction = .arm(arm)
            case (nil, let lot?) where arm == nil: correction = .lot(lot)
            default: throw messages.failure("amendWhat", [:])
            }
            try messages.refusing { try database.amendInjection(id, correction, reason: reason, by: lead.id, at: now) }
        } else if screening != nil {
            let correction: AppDatabase.ScreeningCorrection
            if let answer {
                let parts = answer.split(separator: "=").map { $0.trimmed.lowercased() }
                guard parts.count == 2, ["yes", "no", "c", "k"].contains(parts[1]) else { throw messages.failure("amendWhat", [:]) }
                correction = .answer(item: parts[0], yes: parts[1] == "yes" || parts[1] == "c")
            } else {
                guard let outcome = outcome.flatMap(ScreeningOutcome.init(rawValue:)) else { throw messages.failure("amendWhat", [:]) }
                correction = .outcome(outcome)
            }
            let checklist = try LoadedResources(language: site.language).checklist
            try messages.refusing {
                try database.amendScreening(id, correction, checklist: checklist, reason: reason, by: lead.id, at: now)
            }
        } else {
            let correction: AppDatabase.AdverseEventCorrection
            if let signs {
                correction = .signs(signs)
            } else if let severity {
                guard let value = AdverseEvent.Severity(rawValue: severity) else { throw messages.failure("amendWhat", [:]) }
                correction = .severity(value)
            } else if let grade {
                guard grade == "none" || Int(grade) != nil else { throw messages.failure("amendWhat", [:]) }
                correction = .anaphylaxisGrade(Int(grade))
            } else if let actions {
                correction = .actions(actions)
            } else if let referral {
                correction = .referral(referral)
            } else {
                guard let value = aefiOutcome.flatMap(AdverseEvent.Outcome.init(rawValue:)) else { throw messages.failure("amendWhat", [:]) }
                correction = .outcome(value)
            }
            try messages.refusing { try database.amendAdverseEvent(id, correction, reason: reason, by: lead.id, at: now) }
        }
        print(messages.text("amended", ["id": given]))
    }
}
