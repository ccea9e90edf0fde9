import Foundation
import TerminalKit
import VaxCore

/// The screening desk: call the next person, answer the checklist of the Ministry's decision, see the
/// outcome it gives, confirm.
struct ScreeningScreen: StationScreen {
    enum Phase: Hashable {
        case queue
        case checklist(QueueEntry)
        case confirming(QueueEntry)
    }

    var queue = QueueList()
    var phase = Phase.queue
    var answers: Set<String> = []
    var itemSelection = ListSelection()
    var station: Station? { .screening }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .queue:
            return KeyMap([
                KeyBinding([.enter], s["key.call"], .confirm,
                           disabledReason: queue.selected == nil ? s["queue.nobody"] : nil),
            ])
        case .checklist:
            return KeyMap([
                KeyBinding([.character(" ")], s["key.toggleAnswer"], .toggle),
                KeyBinding([.enter], s["key.conclude"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .confirming:
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        }
    }

    func assessment(_ context: Context) -> ScreeningAssessment {
        context.checklist.assess(yes: answers, product: nil)
    }

    mutating func perform(_ command: Command, _ context: Context) -> [AppEffect] {
        switch (phase, command) {
        case (.queue, .confirm):
            guard let entry = queue.selected else { return [] }
            answers = []
            itemSelection = ListSelection()
            phase = .checklist(entry)
        case (.checklist, .toggle):
            let item = context.checklist.items[itemSelection.selected]
            answers = context.checklist.toggling(item.id, in: answers)
        case (.checklist(let entry), .confirm):
            phase = .confirming(entry)
        case (.checklist, .back):
            phase = .queue
        case (.confirming(let entry), .confirm):
            guard let user = context.user else { return [] }
            let outcome = assessment(context).outcome
            let decision = ScreeningDecision(
                visitID: entry.visitID, checklistVersion: context.checklist.version, yesItems: answers.sorted(),
                computedOutcome: outcome, outcome: outcome, consent: outcome.proceedsToInjection)
            return [.saveScreening(decision, ticket: entry.ticket, by: user.id)]
        case (.confirming(let entry), .back):
            phase = .checklist(entry)
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
        case .confirming:
            break
        }
        return []
    }

    mutating func receive(_ action: AppAction, _ context: Context) -> [AppEffect] {
        guard queue.receive(action, for: .waitingScreening) else { return [] }
        phase = .queue
        return refresh(context)
    }

    func refresh(_ context: Context) -> [AppEffect] { [.loadQueue(.waitingScreening)] }

    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        switch phase {
        case .queue:
            queue.drawWaiting(title: s.text("screening.queueTitle", ["n": String(queue.entries.count)]), in: area,
                              into: &buffer, context)
        case .checklist(let entry), .confirming(let entry):
            drawChecklist(entry, in: area, into: &buffer, context)
            if case .confirming = phase {
                let outcome = assessment(context).outcome
                Dialog(
                    title: s["screening.confirmTitle"],
                    lines: [context.identityLine(ticket: entry.ticket, person: entry.person), "",
                            s.text("screening.confirmOutcome", ["outcome": s["outcome.\(outcome.rawValue)"]])],
                    hint: s["screening.confirmHint"], tone: Self.tone(outcome)
                ).draw(in: area, into: &buffer)
            }
        }
        return nil
    }

    private func drawChecklist(_ entry: QueueEntry, in area: Rect, into buffer: inout Buffer, _ context: Context) {
        let s = context.strings
        let checklist = context.checklist
        buffer.put(context.identityLine(ticket: entry.ticket, person: entry.person) + " · "
                   + s.text("queue.dose", ["n": String(entry.doseNumber)]), x: area.x + 1, y: area.y, style: .bold)
        buffer.put(checklist.version + " · " + checklist.title.text(s.language), x: area.x + 1, y: area.y + 1,
                   style: .muted, clip: area)
        let rows = checklist.items.map {
            ChecklistView.Row(number: $0.id, text: $0.text(s.language), checked: answers.contains($0.id))
        }
        let listRect = Rect(x: area.x, y: area.y + 3, width: area.width, height: min(rows.count, area.height - 6))
        ChecklistView.draw(rows, yes: s["common.yes"], no: s["common.no"], selection: itemSelection,
                           in: listRect, into: &buffer)
        let assessment = assessment(context)
        let y = listRect.maxY + 1
        buffer.put(s["screening.outcomeLabel"], x: area.x + 1, y: y, style: .bold)
        buffer.put(s["outcome.\(assessment.outcome.rawValue)"], x: area.x + 2 + s["screening.outcomeLabel"].displayWidth,
                   y: y, style: Style(tone: Self.tone(assessment.outcome), bold: true), clip: area)
        if !assessment.decidingItems.isEmpty {
            buffer.put(s.text("screening.because", ["items": assessment.decidingItems.joined(separator: ", ")]),
                       x: area.x + 1, y: y + 1, style: .muted)
        }
    }

    static func tone(_ outcome: ScreeningOutcome) -> Tone {
        switch outcome {
        case .eligible: .success
        case .caution: .warning
        case .referred, .deferred, .contraindicated: .danger
        }
    }
}
