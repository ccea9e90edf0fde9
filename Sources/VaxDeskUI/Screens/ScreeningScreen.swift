import Foundation
import TerminalKit
import VaxCore

/// The screening desk: call the next person, take the vital signs, answer the checklist of the
/// Ministry's decision, see the outcome it gives, then record it (stricter freely, more lenient only with
/// a reason) with the person's consent.
struct ScreeningScreen: StationScreen {
    enum Phase: Hashable {
        case queue
        case checklist(QueueEntry)
        case vitals(QueueEntry, FormEditor<VitalSigns.Field>)
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
    /// The items the doctor answered "Có".
    var answers: Set<String> = []
    var vitals = VitalSigns()
    var itemSelection = ListSelection()
    var station: Station? { .screening }

    /// The answers with the vital-signs item set when a measured sign is abnormal.
    func effectiveAnswers(_ context: Context) -> Set<String> {
        guard !vitals.abnormal.isEmpty, let item = context.checklist.items.first(where: { $0.vitalSigns == true })
        else { return answers }
        return answers.union([item.id])
    }

    func assessment(_ context: Context) -> ScreeningAssessment {
        context.checklist.assess(yes: effectiveAnswers(context), product: nil)
    }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .queue:
            return KeyMap([
                KeyBinding([.enter], s["key.call"], .confirm,
                           disabledReason: queue.selected == nil ? s["queue.nobody"] : nil),
            ])
        case .checklist:
            let item = context.checklist.items[itemSelection.selected]
            let lockedByVitals = item.vitalSigns == true && !vitals.abnormal.isEmpty
            return KeyMap([
                KeyBinding([.character(" ")], s["key.toggleAnswer"], .toggle,
                           disabledReason: lockedByVitals ? s["screening.vitalsSetItem"] : nil),
                KeyBinding([.function(3)], s["key.vitals"], .vitals),
                KeyBinding([.enter], s["key.conclude"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .vitals:
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm),
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
                KeyBinding([.escape], s["key.back"], .back),
            ])
        }
    }

    mutating func perform(_ command: Command, _ context: Context) -> [AppEffect] {
        switch (phase, command) {
        case (.queue, .confirm):
            guard let entry = queue.selected else { return [] }
            answers = []
            vitals = VitalSigns()
            itemSelection = ListSelection()
            phase = .checklist(entry)
        case (.checklist, .toggle):
            let item = context.checklist.items[itemSelection.selected]
            answers = context.checklist.toggling(item.id, in: answers)
        case (.checklist(let entry), .vitals):
            phase = .vitals(entry, FormEditor(fields: VitalSigns.Field.allCases, values: vitals.formValues))
        case (.checklist(let entry), .confirm):
            phase = .confirming(entry, Conclusion(outcome: assessment(context).outcome))
        case (.checklist, .back):
            phase = .queue
        case (.vitals(let entry, var form), .confirm):
            switch VitalSigns.read(form.values) {
            case .success(let measured):
                vitals = measured
                phase = .checklist(entry)
            case .failure(let invalid):
                form.show(problems: Dictionary(uniqueKeysWithValues: invalid.fields.map { ($0, "screening.vitalImplausible") }))
                phase = .vitals(entry, form)
            }
        case (.vitals(let entry, _), .back):
            phase = .checklist(entry)
        case (.confirming(let entry, var conclusion), .toggle):
            conclusion.consent.toggle()
            phase = .confirming(entry, conclusion)
        case (.confirming(let entry, let conclusion), .confirm):
            guard let user = context.user else { return [] }
            let computed = assessment(context).outcome
            let lenient = conclusion.outcome.strictness < computed.strictness
            let decision = ScreeningDecision(
                visitID: entry.visitID, checklistVersion: context.checklist.version,
                yesItems: effectiveAnswers(context).sorted(), computedOutcome: computed, outcome: conclusion.outcome,
                overrideReason: lenient ? conclusion.reason.text.trimmed : nil,
                consent: conclusion.outcome.proceedsToInjection && conclusion.consent,
                vitals: vitals.isEmpty ? nil : vitals)
            guard decision.problem == nil else { return [] }
            return [.saveScreening(decision, by: user.id)]
        case (.confirming(let entry, _), .back):
            phase = .checklist(entry)
        case (.note, .dismiss):
            phase = .queue
        default:
            break
        }
        return []
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [AppEffect] {
        switch phase {
        case .queue:
            _ = queue.selection.handle(key, count: queue.entries.count, visibleRows: 16)
        case .checklist:
            // "c"/"k" answer Có/Không directly, as on the paper form.
            let items = context.checklist.items
            let item = items[itemSelection.selected]
            switch key {
            case .character("c"), .character("C"), .character("y"):
                if !answers.contains(item.id) { answers = context.checklist.toggling(item.id, in: answers) }
                itemSelection.select(itemSelection.selected + 1, count: items.count, visibleRows: items.count)
            case .character("k"), .character("K"), .character("n"):
                answers.remove(item.id)
                itemSelection.select(itemSelection.selected + 1, count: items.count, visibleRows: items.count)
            default:
                _ = itemSelection.handle(key, count: items.count, visibleRows: items.count)
            }
        case .vitals(let entry, var form):
            _ = form.handle(key)
            phase = .vitals(entry, form)
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

    mutating func receive(_ result: AppResult, _ context: Context) -> Reaction {
        if queue.receive(result, for: .waitingScreening) { return [] }
        switch result {
        case .screeningSaved(let outcome):
            guard case .confirming(let entry, _) = phase else { return [] }
            // Deferred, contraindicated or referred: the person leaves with a note of why and when to return.
            phase = outcome.proceedsToInjection ? .queue : .note(entry, outcome, reasons: assessment(context).decidingItems)
            // The queue reloads as the desk sees its own commit.
            return .saved(context.strings.text("notice.screened", [
                "n": String(entry.ticket), "outcome": context.strings["outcome.\(outcome.rawValue)"],
            ]))
        case .refused(.lenientOutcomeNeedsReason), .refused(.consentRequired):
            return []
        case .refused:
            phase = .queue
            return Reaction(refresh(context))
        case .storageFailed:
            phase = .queue
            return []
        default:
            return []
        }
    }

    func refresh(_ context: Context) -> [AppEffect] { [.loadQueue(.waitingScreening)] }
}
