import Foundation
import TerminalKit
import VaxCore

/// The observation board: everyone after their injection, soonest due first, with a live countdown;
/// a person with an adverse event is marked. Discharge before the time is up asks for a reason (for a
/// person with an adverse event, the decision); a serious event ends with a referral or an outcome.
struct ObservationScreen: StationScreen {
    enum Phase: Hashable {
        case board
        case confirming(QueueEntry)
        /// Discharge before the due time: the nurse must say why.
        case earlyReason(QueueEntry, TextField)
        /// An adverse event: onset, signs, severity, anaphylaxis grade, actions, referral.
        case adverseEvent(QueueEntry, FormEditor<AdverseEventForm.Field>)
        /// Leaving after a serious adverse event: referred (and where to), or how the person is.
        case adverseOutcome(QueueEntry, AdverseOutcomeChoice)
        /// Discharged: the certificate, once read, to show, save and print, with its QR code encoded once
        /// (not on every frame).
        case certificate(QueueEntry, Certificate?, qr: [String])
    }

    var queue = QueueList()
    var phase = Phase.board
    var station: Station? { .observation }

    /// An adverse event or an early discharge's reason being typed: Esc asks before it goes.
    var hasUnsavedInput: Bool {
        switch phase {
        case .adverseEvent(_, let form): form.isEdited
        case .earlyReason(_, let reason): !reason.text.isEmpty
        case .adverseOutcome(_, let choice): !choice.referral.text.isEmpty
        case .board, .confirming, .certificate: false
        }
    }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .board:
            return KeyMap([
                KeyBinding([.enter], s["key.discharge"], .confirm,
                           disabledReason: queue.selected == nil ? s["queue.nobody"] : nil),
                KeyBinding([.function(3)], s["key.adverseEvent"], .adverseEvent,
                           disabledReason: queue.selected == nil ? s["queue.nobody"] : nil),
            ])
        case .adverseEvent:
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .certificate(_, let certificate, _):
            return KeyMap([
                KeyBinding([.function(5)], s["key.printCertificate"], .printCertificate,
                           disabledReason: certificate == nil ? s["certificate.loading"] : nil),
                KeyBinding([.enter, .escape], s["key.next"], .dismiss),
            ])
        case .confirming:
            return KeyMap([
                KeyBinding([.enter], s["key.discharge"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .earlyReason(_, let field):
            return KeyMap([
                KeyBinding([.enter], s["key.discharge"], .confirm,
                           disabledReason: field.text.trimmingCharacters(in: .whitespaces).isEmpty
                               ? s["observation.reasonRequired"] : nil),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .adverseOutcome(_, let choice):
            return KeyMap([
                KeyBinding([.enter], s["key.discharge"], .confirm,
                           disabledReason: choice.resolution == nil ? s["observation.outcomeRequired"] : nil),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        }
    }

    mutating func perform(_ command: Command, _ context: Context) -> [ObservationEffect] {
        guard let user = context.user else { return [] }
        switch (phase, command) {
        case (.board, .confirm):
            guard let entry = queue.selected else { return [] }
            let due = entry.observationDue.map { Countdown(until: $0, now: context.now).isDue } ?? true
            if entry.adverseEventUnresolved {
                phase = .adverseOutcome(entry, AdverseOutcomeChoice())
            } else {
                phase = due ? .confirming(entry) : .earlyReason(entry, TextField())
            }
        case (.confirming(let entry), .confirm):
            return [.discharge(visitID: entry.visitID, earlyReason: nil, adverseEvent: nil, by: user.id)]
        case (.earlyReason(let entry, let field), .confirm):
            return [.discharge(visitID: entry.visitID, earlyReason: field.text.trimmingCharacters(in: .whitespaces),
                               adverseEvent: nil, by: user.id)]
        case (.adverseOutcome(let entry, let choice), .confirm):
            guard let resolution = choice.resolution else { return [] }
            return [.discharge(visitID: entry.visitID, earlyReason: nil, adverseEvent: resolution, by: user.id)]
        case (.board, .adverseEvent):
            guard let entry = queue.selected else { return [] }
            phase = .adverseEvent(entry, FormEditor(
                fields: AdverseEventForm.Field.allCases,
                values: AdverseEventForm(now: context.now, timeZone: context.timeZone).values))
        case (.adverseEvent(let entry, var form), .confirm):
            switch AdverseEventForm(values: form.values).validate(visitID: entry.visitID, now: context.now,
                                                                    timeZone: context.timeZone) {
            case .valid(let event):
                // The form stays until the event is recorded: a refusal loses nothing typed.
                return [.recordAdverseEvent(event, by: user.id)]
            case .invalid(let problems):
                form.show(problems: problems)
                phase = .adverseEvent(entry, form)
            }
        case (.certificate(_, let certificate?, _), .printCertificate):
            return [.printCertificate(certificate, by: user.id)]
        case (.certificate, .dismiss):
            phase = .board
        case (.confirming, .back), (.earlyReason, .back), (.adverseEvent, .back), (.adverseOutcome, .back):
            phase = .board
        default:
            break
        }
        return []
    }

    func otherKeys(_ context: Context) -> [KeyHelp] {
        let s = context.strings
        switch phase {
        case .board: return KeyHelp.of(.list, strings: s)
        case .earlyReason: return KeyHelp.of(.reason, strings: s)
        case .adverseEvent: return KeyHelp.of(.form, strings: s)
        case .adverseOutcome: return KeyHelp.of(.aefiOutcome, strings: s)
        case .confirming, .certificate: return []
        }
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [ObservationEffect] {
        switch phase {
        case .board:
            _ = queue.selection.handle(key, count: queue.entries.count, visibleRows: 16)
        case .earlyReason(let entry, var field):
            _ = field.handle(key)
            phase = .earlyReason(entry, field)
        case .adverseEvent(let entry, var form):
            _ = form.handle(key)
            phase = .adverseEvent(entry, form)
        case .adverseOutcome(let entry, var choice):
            choice.handle(key)
            phase = .adverseOutcome(entry, choice)
        case .confirming, .certificate:
            break
        }
        return []
    }

    mutating func receive(_ answer: ObservationEffect.Answer, _ context: Context) -> Reaction<ObservationEffect> {
        let s = context.strings
        switch (answer, phase) {
        case (.queue(let answer), _):
            queue.receive(answer, for: .inObservation)
        case (.discharged, .confirming(let entry)), (.discharged, .earlyReason(let entry, _)),
             (.discharged, .adverseOutcome(let entry, _)):
            // Discharged: the certificate comes next.
            phase = .certificate(entry, nil, qr: [])
            return .saved(s.text("notice.discharged", ["n": String(entry.ticket)]),
                          then: context.user.map { [.loadCertificate(visitID: entry.visitID, by: $0.id)] } ?? [])
        case (.certificateLoaded(let certificate), .certificate(let entry, _, _)):
            phase = .certificate(entry, certificate, qr: CertificatePage.qrLines(certificate) ?? [])
        case (.certificatePrinted(.saved(let path, let printer)), _):
            return .saved(s.text(printer == nil ? "notice.certificateSaved" : "notice.certificatePrinted",
                                 ["path": path, "printer": printer ?? ""]))
        case (.certificatePrinted(.printFailed(let path, let printer)), _):
            return .notice(s.text("notice.certificatePrintFailed", ["path": path, "printer": printer]), .warning)
        case (.adverseEventRecorded(let serious), .adverseEvent(let entry, _)):
            phase = .board
            let text = s.text(serious ? "notice.aefiSerious" : "notice.aefiRecorded", ["n": String(entry.ticket)])
            return .notice(text, serious ? .danger : .success)
        case (.discharged, _), (.certificateLoaded, _), (.adverseEventRecorded, _):
            // The board moved on meanwhile (another desk's write, Esc): nothing to show.
            break
        }
        return []
    }

    mutating func failed(_ failure: DeskFailure, _ context: Context) -> Reaction<ObservationEffect> {
        switch (failure, phase) {
        case (.refused, .certificate), (.storage, .certificate), (.refused, .adverseEvent), (.storage, .adverseEvent),
             (.refused, .adverseOutcome), (.storage, .adverseOutcome):
            // The certificate stays; a form stays as typed.
            break
        case (.refused, _):
            phase = .board
            return Reaction(refresh(context))
        case (.storage, _):
            phase = .board
        case (.read, _):
            break
        }
        return []
    }

    func refresh(_ context: Context) -> [ObservationEffect] { [.queue(.load(.inObservation))] }

    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        let dueCount = queue.entries.filter { entry in
            entry.observationDue.map { Countdown(until: $0, now: context.now).isDue } ?? false
        }.count
        queue.draw(title: s.text("observation.title", ["n": String(queue.entries.count), "due": String(dueCount)]),
                   in: area, into: &buffer, context, lastHeader: s["observation.colLeft"]) { entry in
            guard let due = entry.observationDue else { return ("", nil) }
            let countdown = Countdown(until: due, now: context.now)
            return countdown.isDue
                ? (s.text("observation.due", ["over": countdown.text]), .success)
                : (countdown.text, nil)
        }
        switch phase {
        case .board:
            return nil
        case .certificate(_, let certificate, let qr):
            if let certificate {
                CertificatePage.draw(certificate, qr: qr, in: area, into: &buffer, context)
            }
            return nil
        case .adverseEvent(let entry, let form):
            buffer.fill(area)
            buffer.put(s["aefi.title"], x: area.x + 1, y: area.y, style: .title)
            buffer.put(context.identityLine(ticket: entry.ticket, person: entry.person), x: area.x + 1, y: area.y + 1,
                       style: .bold, clip: area)
            return form.draw(
                in: Rect(x: area.x + 1, y: area.y + 3, width: area.width - 2, height: area.height - 3), into: &buffer,
                strings: s, label: { s["aefi.\($0)"] }, required: \.isRequired, hint: { s.optional("aefi.\($0).hint") })
        case .confirming(let entry):
            let note = entry.adverseEvent == nil ? [] : [s["observation.aefiNote"]]
            Dialog(title: s["observation.confirmTitle"],
                   lines: [context.identityLine(ticket: entry.ticket, person: entry.person)] + note,
                   hint: s["observation.confirmHint"], tone: entry.adverseEvent == nil ? .normal : .warning)
                .draw(in: area, into: &buffer)
            return nil
        case .earlyReason(let entry, let field):
            let due = entry.observationDue.map { context.time($0) } ?? ""
            let inner = Dialog(
                title: s["observation.earlyTitle"],
                lines: [context.identityLine(ticket: entry.ticket, person: entry.person),
                        s.text("observation.earlyDue", ["time": due]),
                        s[entry.adverseEvent == nil ? "observation.earlyPrompt" : "observation.aefiEarlyPrompt"]],
                hint: s["observation.earlyHint"], tone: .warning
            ).draw(in: area, into: &buffer, extraRows: 1)
            return (field.draw(in: inner, into: &buffer), inner.y)
        case .adverseOutcome(let entry, let choice):
            return choice.draw(entry, in: area, into: &buffer, context)
        }
    }
}
