import Foundation
import TerminalKit
import VaxCore

/// The screening desk: call the next person, take the vital signs, ask every item of the checklist of
/// the Ministry's decision that applies to them (nothing starts answered), see the outcome it gives,
/// then record it (stricter freely, more lenient only with a reason) with the person's consent.
///
/// The common path, for a person with nothing to report: Enter (call), the vital signs typed (each
/// field goes on by itself once its value is whole, and the last one returns to the checklist), F5
/// once every item was asked ("Không" to all the rest), F4 consent, Enter. A person who declines the
/// dose once told it is safe: F8, and the visit ends as a refusal.
struct ScreeningScreen: StationScreen {
    enum Phase: Hashable {
        case queue
        case checklist(QueueEntry)
        case vitals(QueueEntry, FormEditor<VitalSigns.Field>)
        /// Why the vital signs could not be taken (audited with the screening).
        case vitalsNotTaken(QueueEntry, TextField)
        case confirming(QueueEntry, Conclusion)
        /// Not vaccinated here today: the note for the person, why and when to come back.
        case note(QueueEntry, ScreeningOutcome, reasons: [String])
    }

    /// What the doctor records, which may differ from what the answers give.
    struct Conclusion: Hashable {
        var outcome: ScreeningOutcome
        var reason = TextField()
        var consent = false
    }

    var queue = QueueList()
    var phase = Phase.queue
    /// The doctor's answers (the vital-signs item is answered by the signs once they are all taken).
    var answers = ScreeningAnswers()
    var vitals = VitalSigns()
    /// What was typed in the vital-signs form, kept when the form is left unfinished.
    var vitalsDraft: [VitalSigns.Field: String] = [:]
    var vitalsNotTaken: String?
    var itemSelection = ListSelection()
    var station: Station? { .screening }

    var heldClaim: UUID? {
        switch phase {
        case .queue, .note: nil
        case .checklist(let entry), .vitals(let entry, _), .vitalsNotTaken(let entry, _), .confirming(let entry, _):
            entry.visitID
        }
    }

    /// The items asked of this person (no pregnancy items for a man).
    func items(_ entry: QueueEntry, _ context: Context) -> [Checklist.Item] {
        context.checklist.items(for: entry.person.sex)
    }

    /// The answers with the vital-signs item answered by the signs, once they are all taken.
    func effectiveAnswers(_ context: Context) -> ScreeningAnswers {
        guard vitals.isComplete, let item = context.checklist.vitalSignsItem else { return answers }
        var answers = answers
        answers.answer(item.id, yes: !vitals.abnormal.isEmpty, in: context.checklist)
        return answers
    }

    func assessment(_ context: Context) -> ScreeningAssessment {
        context.checklist.assess(yes: Set(effectiveAnswers(context).yesItems), product: nil)
    }

    /// The items still to ask, in order.
    func unanswered(_ entry: QueueEntry, _ context: Context) -> [String] {
        context.checklist.unanswered(effectiveAnswers(context), for: entry.person.sex)
    }

    var vitalsSettled: Bool { vitals.isComplete || vitalsNotTaken != nil }

    /// Every item asked and the vital signs taken (or why not said): the conclusion can be drawn.
    func isReadyToConclude(_ entry: QueueEntry, _ context: Context) -> Bool {
        unanswered(entry, context).isEmpty && vitalsSettled
    }

    /// Whether anything was recorded for the person on screen: Esc from the checklist asks before it goes.
    var hasUnsavedInput: Bool {
        guard case .checklist = phase else { return false }
        return !answers.byItem.isEmpty || !vitals.isEmpty || !vitalsDraft.values.allSatisfy(\.isEmpty) || vitalsNotTaken != nil
    }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .queue:
            return KeyMap([
                KeyBinding([.enter], s["key.call"], .confirm, disabledReason: queue.callRefusal(context)),
            ])
        case .checklist(let entry):
            let item = items(entry, context)[itemSelection.selected]
            let lockedByVitals = item.vitalSigns == true && vitals.isComplete
            let missing = unanswered(entry, context)
            let notReady = !missing.isEmpty
                ? s.message(for: .screeningUnanswered(items: missing))
                : vitalsSettled ? nil : s.message(for: .vitalSignsMissing)
            return KeyMap([
                KeyBinding([.character(" ")], s["key.toggleAnswer"], .toggle,
                           disabledReason: lockedByVitals ? s["screening.vitalsSetItem"] : nil, inBar: false),
                KeyBinding([.function(5)], s["key.answerRest"], .answerRest,
                           disabledReason: missing.isEmpty ? s["screening.allAnswered"] : nil),
                KeyBinding([.function(3)], s["key.vitals"], .vitals),
                KeyBinding([.function(6)], s["key.vitalsNotTaken"], .vitalsNotTaken,
                           disabledReason: vitals.isComplete ? s["screening.vitalsTaken"] : nil),
                KeyBinding([.enter], s["key.conclude"], .confirm, disabledReason: notReady),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .vitals:
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .vitalsNotTaken(_, let reason):
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm,
                           disabledReason: reason.text.trimmed.isEmpty ? s["screening.vitalsReasonNeeded"] : nil),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .note:
            return KeyMap([KeyBinding([.enter, .escape], s["key.next"], .dismiss)])
        case .confirming(_, let conclusion):
            let computed = assessment(context).outcome
            let blocked: String? =
                conclusion.outcome.strictness < computed.strictness && conclusion.reason.text.trimmed.isEmpty
                ? s["screening.lenientNeedsReason"]
                : conclusion.outcome.proceedsToInjection && !conclusion.consent ? s["screening.consentNeeded"] : nil
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm, disabledReason: blocked),
                KeyBinding([.function(4)], s["key.consent"], .toggle,
                           disabledReason: conclusion.outcome.proceedsToInjection ? nil : s["screening.noConsentNeeded"]),
                // Asked and declined: the visit ends as a refusal, not a consent left unticked.
                // In the bar only while it can be used: the bar keeps its room for the common path.
                KeyBinding([.function(8)], s["key.refuses"], .refuse,
                           disabledReason: conclusion.outcome.proceedsToInjection && !conclusion.consent
                               ? nil : s["screening.noConsentNeeded"],
                           inBar: conclusion.outcome.proceedsToInjection && !conclusion.consent),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        }
    }

    mutating func perform(_ command: Command, _ context: Context) -> [ScreeningEffect] {
        switch (phase, command) {
        case (.queue, .confirm):
            guard let entry = queue.selected, entry.claimedBy == nil, let user = context.user else { return [] }
            answers = ScreeningAnswers()
            vitals = VitalSigns()
            vitalsDraft = [:]
            vitalsNotTaken = nil
            itemSelection = ListSelection()
            // The signs first: they answer item 10, and a doctor takes them before asking.
            phase = .vitals(entry, FormEditor(fields: VitalSigns.Field.allCases, values: [:]))
            return [.queue(.claim(visitID: entry.visitID, stage: .waitingScreening, by: user.id))]
        case (.checklist(let entry), .toggle):
            let item = items(entry, context)[itemSelection.selected]
            answers.answer(item.id, yes: !(answers[item.id] ?? false), in: context.checklist)
            concludeIfReady(entry, context)
        case (.checklist(let entry), .answerRest):
            // The doctor asked every remaining item and heard "Không" to each: one key records them all.
            for id in unanswered(entry, context) { answers.answer(id, yes: false, in: context.checklist) }
            concludeIfReady(entry, context)
        case (.checklist(let entry), .vitals):
            let values = vitalsDraft.isEmpty ? vitals.formValues(decimalSeparator: context.strings["common.decimalSeparator"]) : vitalsDraft
            phase = .vitals(entry, FormEditor(fields: VitalSigns.Field.allCases, values: values))
        case (.checklist(let entry), .vitalsNotTaken):
            phase = .vitalsNotTaken(entry, TextField(vitalsNotTaken ?? ""))
        case (.checklist(let entry), .confirm):
            guard isReadyToConclude(entry, context) else { return [] }
            phase = .confirming(entry, Conclusion(outcome: assessment(context).outcome))
        case (.checklist(let entry), .back):
            // The desk asked first when something was recorded (`hasUnsavedInput`).
            phase = .queue
            return [.queue(.releaseClaim(visitID: entry.visitID))]
        case (.vitals(let entry, let form), .confirm):
            saveVitals(entry, form, context)
        case (.vitals(let entry, let form), .back):
            // Kept as typed, to finish later: nothing measured is thrown away.
            vitalsDraft = form.values
            phase = .checklist(entry)
        case (.vitalsNotTaken(let entry, let reason), .confirm):
            guard !reason.text.trimmed.isEmpty else { return [] }
            vitalsNotTaken = reason.text.trimmed
            phase = .checklist(entry)
            concludeIfReady(entry, context)
        case (.vitalsNotTaken(let entry, _), .back):
            phase = .checklist(entry)
        case (.confirming(let entry, var conclusion), .toggle):
            conclusion.consent.toggle()
            phase = .confirming(entry, conclusion)
        case (.confirming(let entry, let conclusion), .confirm):
            return save(entry, conclusion, refused: false, context)
        case (.confirming(let entry, let conclusion), .refuse):
            guard conclusion.outcome.proceedsToInjection, !conclusion.consent else { return [] }
            return save(entry, conclusion, refused: true, context)
        case (.confirming(let entry, _), .back):
            phase = .checklist(entry)
        case (.note, .dismiss):
            phase = .queue
        default:
            break
        }
        return []
    }

    /// The decision as confirmed, to record: with the person's consent, or `refused`.
    private func save(_ entry: QueueEntry, _ conclusion: Conclusion, refused: Bool, _ context: Context) -> [ScreeningEffect] {
        guard let user = context.user else { return [] }
        let computed = assessment(context).outcome
        let lenient = conclusion.outcome.strictness < computed.strictness
        var decision = ScreeningDecision(
            visitID: entry.visitID, checklistVersion: context.checklist.version,
            answers: effectiveAnswers(context), computedOutcome: computed, outcome: conclusion.outcome,
            overrideReason: lenient ? conclusion.reason.text.trimmed : nil,
            consent: conclusion.outcome.proceedsToInjection && conclusion.consent,
            vitals: vitals.isEmpty ? nil : vitals, vitalsNotTakenReason: vitals.isComplete ? nil : vitalsNotTaken)
        decision.refused = refused
        guard decision.problem(against: context.checklist, sex: entry.person.sex) == nil else { return [] }
        return [.save(decision, by: user.id)]
    }

    /// Once the last item is answered and the signs are settled, the conclusion is shown at once.
    private mutating func concludeIfReady(_ entry: QueueEntry, _ context: Context) {
        if isReadyToConclude(entry, context) {
            phase = .confirming(entry, Conclusion(outcome: assessment(context).outcome))
        } else if let next = unanswered(entry, context).first,
                  let row = items(entry, context).firstIndex(where: { $0.id == next }) {
            itemSelection.select(row, count: items(entry, context).count, visibleRows: items(entry, context).count)
        }
    }

    /// The signs as typed: plausible ones go to the checklist; others are shown to fix.
    private mutating func saveVitals(_ entry: QueueEntry, _ form: FormEditor<VitalSigns.Field>, _ context: Context) {
        switch VitalSigns.read(form.values) {
        case .success(let measured):
            vitals = measured
            vitalsDraft = [:]
            phase = .checklist(entry)
            concludeIfReady(entry, context)
        case .failure(let invalid):
            var form = form
            form.show(problems: Dictionary(invalid.fields.map { ($0, "screening.vitalImplausible") }) { first, _ in first })
            phase = .vitals(entry, form)
        }
    }

    func otherKeys(_ context: Context) -> [KeyHelp] {
        let s = context.strings
        switch phase {
        case .queue: return KeyHelp.of(.list, strings: s)
        case .checklist: return KeyHelp.of(.answer, .items, strings: s)
        case .vitals: return KeyHelp.of(.vitals, .form, strings: s)
        case .vitalsNotTaken: return KeyHelp.of(.reason, strings: s)
        case .confirming: return KeyHelp.of(.outcome, .reason, strings: s)
        case .note: return []
        }
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [ScreeningEffect] {
        switch phase {
        case .queue:
            _ = queue.selection.handle(key, count: queue.entries.count, visibleRows: 16)
        case .checklist(let entry):
            // "c"/"k" answer Có/Không, as on the paper form, and go on to the next item not asked yet.
            let items = items(entry, context)
            let item = items[itemSelection.selected]
            switch key {
            case .character("c"), .character("C"), .character("y"), .character("k"), .character("K"), .character("n"):
                if item.vitalSigns == true && vitals.isComplete { return [] }
                let yes = [.character("c"), .character("C"), .character("y")].contains(key)
                answers.answer(item.id, yes: yes, in: context.checklist)
                concludeIfReady(entry, context)
            default:
                _ = itemSelection.handle(key, count: items.count, visibleRows: items.count)
            }
        case .vitals(let entry, var form):
            let field = form.focused
            _ = form.handle(key)
            // A whole value goes on to the next empty field by itself; the last one saves the signs.
            if case .character = key, field.isComplete(form.values[field] ?? "") {
                if let next = VitalSigns.Field.allCases.first(where: { ($0.rawValue > field.rawValue) && (form.values[$0] ?? "").isEmpty }) {
                    form.focus(on: next)
                } else if form.values.values.allSatisfy({ !$0.isEmpty }) {
                    saveVitals(entry, form, context)
                    return []
                }
            }
            phase = .vitals(entry, form)
        case .vitalsNotTaken(let entry, var reason):
            _ = reason.handle(key)
            phase = .vitalsNotTaken(entry, reason)
        case .note:
            break
        case .confirming(let entry, var conclusion):
            // ←/→ choose the outcome to record, strongest to the left; text is the reason for a lenient one.
            let outcomes = ScreeningOutcome.allCases
            let index = outcomes.firstIndex(of: conclusion.outcome) ?? 0
            switch key {
            case .left: conclusion.outcome = outcomes[max(0, index - 1)]
            case .right: conclusion.outcome = outcomes[min(outcomes.count - 1, index + 1)]
            default: _ = conclusion.reason.handle(key)
            }
            phase = .confirming(entry, conclusion)
        }
        return []
    }

    mutating func receive(_ answer: ScreeningEffect.Answer, _ context: Context) -> Reaction<ScreeningEffect> {
        switch answer {
        case .queue(let answer):
            queue.receive(answer, for: .waitingScreening)
            return []
        case .saved(_, refused: true):
            guard case .confirming(let entry, _) = phase else { return [] }
            phase = .queue
            return .saved(context.strings.text("notice.refused", ["n": String(entry.ticket)]))
        case .saved(let outcome, refused: false):
            guard case .confirming(let entry, _) = phase else { return [] }
            // Deferred, contraindicated or referred: the person leaves with a note of why and when to return.
            phase = outcome.proceedsToInjection ? .queue : .note(entry, outcome, reasons: assessment(context).decidingItems)
            // The queue reloads as the desk sees its own commit.
            return .saved(context.strings.text("notice.screened", [
                "n": String(entry.ticket), "outcome": context.strings["outcome.\(outcome.rawValue)"],
            ]))
        }
    }

    mutating func failed(_ failure: DeskFailure, _ context: Context) -> Reaction<ScreeningEffect> {
        switch failure {
        case .refused(.lenientOutcomeNeedsReason), .refused(.consentRequired), .refused(.screeningUnanswered),
             .refused(.vitalSignsMissing):
            return []
        case .refused:
            // Another desk was first, or the session closed: back to the queue as it now is.
            phase = .queue
            return Reaction(refresh(context))
        case .storage, .read:
            // Nothing was recorded, and nothing typed is lost: the doctor saves again when the disk allows.
            return []
        }
    }

    func refresh(_ context: Context) -> [ScreeningEffect] { [.queue(.load(.waitingScreening))] }
}
