import Foundation
import TerminalKit
import VaxCore

extension InjectionScreen {
    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        switch phase {
        case .queue:
            queue.drawWaiting(title: s.text("injection.queueTitle", ["n": String(queue.entries.count)]), in: area,
                              into: &buffer, context)
        case .preparing(let entry):
            drawPreparation(entry, in: area, into: &buffer, context)
        case .confirming(let entry, let vialID):
            drawPreparation(entry, in: area, into: &buffer, context)
            if let vial = vials.first(where: { $0.id == vialID }) {
                Dialog(
                    title: s["injection.confirmTitle"],
                    lines: [
                        s["injection.confirmQuestion"], "",
                        context.identityLine(ticket: entry.ticket, person: entry.person),
                        s.text("injection.confirmDose", [
                            "n": String(entry.doseNumber), "product": context.productName(vial.productCode),
                            "lot": vial.lotNumber,
                        ]),
                        s.text("injection.confirmArm", ["arm": s["arm.\(arm.rawValue)"]]),
                    ],
                    hint: s["injection.confirmHint"]
                ).draw(in: area, into: &buffer)
            }
        case .discarding(let entry, let vial, let reason):
            drawPreparation(entry, in: area, into: &buffer, context)
            let inner = Dialog(
                title: s["injection.discardTitle"],
                lines: [
                    s.text("injection.discardVial", ["product": context.productNames([vial.productCode]), "lot": vial.lotNumber]),
                    s.text("injection.discardWaste", ["n": String(vial.dosesLeft)]), "", s["injection.discardPrompt"],
                ],
                hint: s["injection.discardHint"], tone: .warning
            ).draw(in: area, into: &buffer, extraRows: 1)
            return (reason.draw(in: inner.row(0), into: &buffer), inner.y)
        }
        return nil
    }

    private func drawPreparation(_ entry: QueueEntry?, in area: Rect, into buffer: inout Buffer, _ context: Context) {
        let s = context.strings
        if let entry {
            buffer.put(context.identityLine(ticket: entry.ticket, person: entry.person), x: area.x + 1, y: area.y, style: .bold)
            buffer.put(s.text("queue.dose", ["n": String(entry.doseNumber)]), x: area.x + 1, y: area.y + 1)
        } else {
            buffer.put(s["injection.vialsTitle"], x: area.x + 1, y: area.y, style: .title)
            buffer.put(s["injection.vialsExplain"], x: area.x + 1, y: area.y + 1, style: .muted, clip: area)
        }
        if entry?.caution == true {
            buffer.put(s["injection.cautionFlag"], x: area.x + 12, y: area.y + 1, style: .warning)
        }
        if let allowed = entry?.allowedProducts {
            buffer.put(s.text("injection.allowedProducts", ["products": context.productNames(allowed)]),
                       x: area.x + 1, y: area.y + 2, style: .muted, clip: area)
        }
        buffer.put(s["injection.lotLabel"], x: area.x + 1, y: area.y + 3, style: .bold)
        let lots = usableLots(context)
        let rows = lots.map { lot in lotLine(lot, context) }
        let styles = lots.map { lot -> Style in
            switch currentVial(of: lot, context)?.state(at: context.now) {
            case .usable: .plain
            case .pastDiscardTime: .warning
            default: .muted
            }
        }
        ListView.draw(rows.map(\.text), selection: lotSelection, in: Rect(x: area.x + 1, y: area.y + 4, width: area.width - 2,
                      height: min(8, max(1, rows.count))), into: &buffer, styles: styles, empty: s["injection.noLot"])
        let armY = area.y + 5 + min(8, max(1, rows.count))
        guard entry != nil else { return }
        buffer.put(s["injection.armLabel"], x: area.x + 1, y: armY, style: .bold)
        var x = area.x + 2 + s["injection.armLabel"].displayWidth
        for choice in Arm.allCases {
            let text = (choice == arm ? "(•) " : "( ) ") + s["arm.\(choice.rawValue)"]
            x += buffer.put(text, x: x, y: armY, style: choice == arm ? .bold : .plain) + 3
        }
    }

    /// "Pfizer      FK5127  HSD 28/02/2027  lọ: còn 4/6 liều · hủy sau 5:59:12".
    private func lotLine(_ lot: VaccineLot, _ context: Context) -> (text: String, vial: Vial?) {
        let s = context.strings
        let vial = currentVial(of: lot, context)
        let head = context.productNames([lot.productCode]).padded(toWidth: 11) + " " + lot.lotNumber.padded(toWidth: 8)
            + " " + s.text("injection.expiry", ["date": lot.expiry.shown])
        let status: String
        switch vial.map({ ($0, $0.state(at: context.now)) }) {
        case let (vial, .usable)?:
            status = s.text("injection.vialOpen", [
                "left": String(vial.dosesLeft), "of": String(vial.dosesPerVial),
                "time": Countdown(until: vial.discardDue, now: context.now).longText,
            ])
        case let (vial, .pastDiscardTime)?:
            status = s.text("injection.vialPast", ["time": context.time(vial.discardDue)])
        default:
            status = s["injection.noVial"]
        }
        return (head + "  " + status, vial)
    }
}
