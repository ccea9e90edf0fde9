import Foundation
import TerminalKit
import VaxCore

/// The choice that ends the observation of a person with a serious adverse event: referred (with
/// where to, typed) or one of the outcomes a person may leave with. Digits 1–6 choose, ↑/↓ move;
/// while "referred" is chosen, typing goes to where to.
struct AdverseOutcomeChoice: Hashable {
    /// nil: referred; otherwise the outcome.
    static let options: [AdverseEvent.Outcome?] = [nil] + AdverseEventDischarge.leavingOutcomes.map(Optional.some)

    var chosen: Int?
    var referral = TextField()

    var resolution: AdverseEventDischarge? {
        guard let chosen else { return nil }
        guard let outcome = Self.options[chosen] else {
            let place = referral.text.trimmingCharacters(in: .whitespaces)
            return place.isEmpty ? nil : .referred(to: place)
        }
        return .outcome(outcome)
    }

    private var typingReferral: Bool { chosen == 0 }

    mutating func handle(_ key: Key) {
        switch key {
        case .up: chosen = max(0, (chosen ?? 1) - 1)
        case .down: chosen = min(Self.options.count - 1, (chosen ?? -1) + 1)
        case .character(let c) where !(typingReferral && !referral.text.isEmpty):
            if let digit = c.wholeNumberValue, (1...Self.options.count).contains(digit) {
                chosen = digit - 1
            } else if typingReferral {
                _ = referral.handle(key)
            }
        default:
            if typingReferral { _ = referral.handle(key) }
        }
    }

    /// The dialog; the cursor in where to, while referred is chosen.
    func draw(_ entry: QueueEntry, in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        let options = Self.options.enumerated().map { index, outcome in
            (index == chosen ? "▸ " : "  ") + s["observation.outcome.\(outcome?.rawValue ?? "referred")"]
        }
        let lines = [context.identityLine(ticket: entry.ticket, person: entry.person), s["observation.outcomePrompt"]] + options
            + (typingReferral ? [s["observation.referralPrompt"]] : [])
        let inner = Dialog(title: s["observation.outcomeTitle"], lines: lines, hint: s["observation.outcomeHint"], tone: .danger)
            .draw(in: area, into: &buffer, extraRows: typingReferral ? 1 : 0)
        guard typingReferral else { return nil }
        return (referral.draw(in: inner, into: &buffer), inner.y)
    }
}
