import Foundation
import TerminalKit
import VaxCore

extension ScreeningScreen {
    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        switch phase {
        case .queue:
            queue.drawWaiting(title: s.text("screening.queueTitle", ["n": String(queue.entries.count)]), in: area,
                              into: &buffer, context)
        case .checklist(let entry):
            drawChecklist(entry, in: area, into: &buffer, context)
        case .vitals(let entry, let form):
            buffer.put(context.identityLine(ticket: entry.ticket, person: entry.person), x: area.x + 1, y: area.y, style: .bold)
            buffer.put(s["screening.vitalsTitle"], x: area.x + 1, y: area.y + 2, style: .title)
            buffer.put(s["screening.vitalsThresholds"], x: area.x + 1, y: area.y + 3, style: .muted, clip: area)
            return form.draw(
                in: Rect(x: area.x + 1, y: area.y + 5, width: area.width - 2, height: area.height - 5), into: &buffer,
                strings: s, label: { s["vitals.\($0)"] }, required: { _ in false }, hint: { s.optional("vitals.\($0).hint") })
        case .vitalsNotTaken(let entry, let reason):
            drawChecklist(entry, in: area, into: &buffer, context)
            let inner = Dialog(title: s["screening.vitalsNotTakenTitle"], lines: [s["screening.vitalsNotTakenPrompt"]],
                               hint: s["screening.vitalsNotTakenHint"], tone: .warning).draw(in: area, into: &buffer, extraRows: 1)
            return (reason.draw(in: inner.row(0), into: &buffer), inner.y)
        case .confirming(let entry, let conclusion):
            drawChecklist(entry, in: area, into: &buffer, context)
            return drawConclusion(entry, conclusion, in: area, into: &buffer, context)
        case .note(let entry, let outcome, let reasons):
            drawNote(entry, outcome, reasons, in: area, into: &buffer, context)
        }
        return nil
    }

    private func drawConclusion(
        _ entry: QueueEntry, _ conclusion: Conclusion, in area: Rect, into buffer: inout Buffer, _ context: Context
    ) -> (x: Int, y: Int)? {
        let s = context.strings
        let computed = assessment(context).outcome
        let lenient = conclusion.outcome.strictness < computed.strictness
        var lines = [
            context.identityLine(ticket: entry.ticket, person: entry.person), "",
            s.text("screening.computedOutcome", ["outcome": s["outcome.\(computed.rawValue)"]]),
            s.text("screening.recordedOutcome", ["outcome": s["outcome.\(conclusion.outcome.rawValue)"]]),
        ]
        if conclusion.outcome.proceedsToInjection {
            lines.append(s.text("screening.consentLine", ["mark": conclusion.consent ? "[x]" : "[ ]"]))
            // A person who says no is recorded as a refusal, not left waiting for a consent never given.
            if !conclusion.consent { lines.append(s["screening.refuseLine"]) }
        }
        if lenient { lines += ["", s["screening.lenientPrompt"]] }
        let inner = Dialog(
            title: s["screening.confirmTitle"], lines: lines, hint: s["screening.confirmHint"],
            tone: lenient ? .warning : Self.tone(conclusion.outcome)
        ).draw(in: area, into: &buffer, extraRows: lenient ? 1 : 0)
        guard lenient else { return nil }
        return (conclusion.reason.draw(in: inner.row(0), into: &buffer), inner.y)
    }

    /// The note for a person not vaccinated today: the outcome, each reason, and when to come back.
    private func drawNote(
        _ entry: QueueEntry, _ outcome: ScreeningOutcome, _ reasons: [String], in area: Rect, into buffer: inout Buffer,
        _ context: Context
    ) {
        let s = context.strings
        var lines = [context.identityLine(ticket: entry.ticket, person: entry.person), "",
                     s.text("screening.noteOutcome", ["outcome": s["outcome.\(outcome.rawValue)"]]), ""]
        for id in reasons {
            guard let item = context.checklist.items.first(where: { $0.id == id }) else { continue }
            lines.append(s.text("screening.noteReason", ["item": id, "text": item.text(s.language)]))
            lines.append("  → " + (s.optional("screening.return.\(id)") ?? s["screening.return.\(outcome.rawValue)"]))
        }
        if reasons.isEmpty { lines.append("→ " + s["screening.return.\(outcome.rawValue)"]) }
        Dialog(title: s["screening.noteTitle"], lines: lines,
               hint: s["screening.noteHint"], tone: .warning).draw(in: area, into: &buffer)
    }

    private func drawChecklist(_ entry: QueueEntry, in area: Rect, into buffer: inout Buffer, _ context: Context) {
        let s = context.strings
        let checklist = context.checklist
        buffer.put(context.identityLine(ticket: entry.ticket, person: entry.person) + " · "
                   + s.text("queue.dose", ["n": String(entry.doseNumber)]), x: area.x + 1, y: area.y, style: .bold)
        // The form's title is read whole, on as many lines as it takes.
        let title = (checklist.version + " · " + checklist.title.text(s.language)).wrapped(toWidth: area.width - 2)
        for (index, line) in title.enumerated() {
            buffer.put(line, x: area.x + 1, y: area.y + 1 + index, style: .muted)
        }
        let signsY = area.y + 1 + title.count
        buffer.put(vitalsLine(context), x: area.x + 1, y: signsY,
                   style: !vitals.abnormal.isEmpty || !vitalsSettled ? .warning : .muted, clip: area)
        let answered = effectiveAnswers(context)
        let asked = checklist.items(for: entry.person.sex)
        let rows = asked.map {
            ChecklistView.Row(number: $0.id, text: $0.text(s.language), answer: answered[$0.id])
        }
        // The list leaves three rows below it for the conclusion and its reasons.
        let needed = ChecklistView.height(rows, yes: s["common.yes"], no: s["common.no"], width: area.width)
        let listRect = Rect(x: area.x, y: signsY + 1, width: area.width,
                            height: max(1, min(needed, area.maxY - signsY - 4)))
        ChecklistView.draw(rows, yes: s["common.yes"], no: s["common.no"], selection: itemSelection,
                           in: listRect, into: &buffer)
        let y = listRect.maxY + 1
        // The conclusion only once every item is asked and the signs are taken: never a default.
        let missing = unanswered(entry, context)
        guard missing.isEmpty, vitalsSettled else {
            let left = missing.isEmpty
                ? s["screening.vitalsStill"]
                : s.count("screening.left", missing.count)
            buffer.put(left, x: area.x + 1, y: y, style: .bold, clip: area)
            return
        }
        let assessment = assessment(context)
        buffer.put(s["screening.outcomeLabel"], x: area.x + 1, y: y, style: .bold)
        buffer.put(s["outcome.\(assessment.outcome.rawValue)"], x: area.x + 2 + s["screening.outcomeLabel"].displayWidth,
                   y: y, style: Style(tone: Self.tone(assessment.outcome), bold: true), clip: area)
        if !assessment.decidingItems.isEmpty {
            buffer.put(s.text("screening.because", ["items": assessment.decidingItems.joined(separator: ", ")]),
                       x: area.x + 1, y: y + 1, style: .muted)
        }
    }

    /// "Sinh hiệu: 38,2 °C ✗ · mạch 88 · HA 150/95 ✗ · thở 18", or what to press to take them.
    private func vitalsLine(_ context: Context) -> String {
        let s = context.strings
        if let vitalsNotTaken, !vitals.isComplete { return s.text("screening.vitalsNotTakenLine", ["reason": vitalsNotTaken]) }
        guard !vitals.isEmpty else { return s["screening.vitalsNone"] }
        let abnormal = Set(vitals.abnormal)
        func mark(_ sign: VitalSigns.Sign) -> String { abnormal.contains(sign) ? " ✗" : "" }
        var parts: [String] = []
        if let t = vitals.temperature {
            parts.append(VitalSigns.shown(t, decimalSeparator: s["common.decimalSeparator"]) + " °C" + mark(.temperature))
        }
        if let p = vitals.pulse { parts.append(s.text("vitals.pulseShort", ["n": String(p)]) + mark(.pulse)) }
        if vitals.systolic != nil || vitals.diastolic != nil {
            let bp = (vitals.systolic.map(String.init) ?? "?") + "/" + (vitals.diastolic.map(String.init) ?? "?")
            parts.append(s.text("vitals.bpShort", ["bp": bp]) + mark(.bloodPressure))
        }
        if let r = vitals.respiratoryRate { parts.append(s.text("vitals.respiratoryShort", ["n": String(r)]) + mark(.respiratoryRate)) }
        return s["screening.vitalsLabel"] + " " + parts.joined(separator: " · ")
    }

    static func tone(_ outcome: ScreeningOutcome) -> Tone {
        switch outcome {
        case .eligible: .success
        case .caution: .warning
        case .referred, .deferred, .contraindicated: .danger
        }
    }
}
