import Foundation
import TerminalKit
import VaxCore

/// The injection desk: call the next person cleared by screening, choose the lot and the arm, confirm
/// the person's identity one last time, record the dose.
struct InjectionScreen: StationScreen {
    enum Phase: Hashable {
        case queue
        case preparing(QueueEntry)
        case confirming(QueueEntry)
    }

    var queue = QueueList()
    var phase = Phase.queue
    var lotSelection = ListSelection()
    var arm = Arm.left
    var station: Station? { .injection }

    /// The session's unexpired lots of a product the person's series allows (check-in decided which).
    func usableLots(_ context: Context) -> [VaccineLot] {
        let allowed: [String]? = switch phase {
        case .preparing(let entry), .confirming(let entry): entry.allowedProducts
        case .queue: nil
        }
        return context.lots.filter { $0.expiry >= context.today && allowed?.contains($0.productCode) != false }
    }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .queue:
            return KeyMap([
                KeyBinding([.enter], s["key.call"], .confirm,
                           disabledReason: queue.selected == nil ? s["queue.nobody"] : nil),
            ])
        case .preparing:
            return KeyMap([
                KeyBinding([.enter], s["key.inject"], .confirm,
                           disabledReason: usableLots(context).isEmpty ? s["injection.noLot"] : nil),
                KeyBinding([.character("t"), .character("T")], s["key.leftArm"], .arm(.left)),
                KeyBinding([.character("p"), .character("P")], s["key.rightArm"], .arm(.right)),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .confirming:
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        }
    }

    mutating func perform(_ command: Command, _ context: Context) -> [AppEffect] {
        switch (phase, command) {
        case (.queue, .confirm):
            guard let entry = queue.selected else { return [] }
            phase = .preparing(entry)
        case (.preparing, .arm(let chosen)):
            arm = chosen
        case (.preparing(let entry), .confirm):
            phase = .confirming(entry)
        case (.preparing, .back):
            phase = .queue
        case (.confirming(let entry), .confirm):
            let lots = usableLots(context)
            guard let user = context.user, lots.indices.contains(lotSelection.selected) else { return [] }
            return [.inject(visitID: entry.visitID, ticket: entry.ticket, lotID: lots[lotSelection.selected].id,
                            arm: arm, by: user.id)]
        case (.confirming(let entry), .back):
            phase = .preparing(entry)
        default:
            break
        }
        return []
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [AppEffect] {
        switch phase {
        case .queue:
            _ = queue.selection.handle(key, count: queue.entries.count, visibleRows: 16)
        case .preparing:
            switch key {
            case .left: arm = .left
            case .right: arm = .right
            default: _ = lotSelection.handle(key, count: usableLots(context).count, visibleRows: 8)
            }
        case .confirming:
            break
        }
        return []
    }

    mutating func receive(_ action: AppAction, _ context: Context) -> [AppEffect] {
        guard queue.receive(action, for: .waitingInjection) else { return [] }
        phase = .queue
        return refresh(context)
    }

    func refresh(_ context: Context) -> [AppEffect] { [.loadQueue(.waitingInjection)] }

    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        switch phase {
        case .queue:
            queue.drawWaiting(title: s.text("injection.queueTitle", ["n": String(queue.entries.count)]), in: area,
                              into: &buffer, context)
        case .preparing(let entry), .confirming(let entry):
            drawPreparation(entry, in: area, into: &buffer, context)
            if case .confirming = phase, let lot = usableLots(context)[safe: lotSelection.selected] {
                Dialog(
                    title: s["injection.confirmTitle"],
                    lines: [
                        s["injection.confirmQuestion"], "",
                        context.identityLine(ticket: entry.ticket, person: entry.person),
                        s.text("injection.confirmDose", [
                            "n": String(entry.doseNumber), "product": context.productName(lot.productCode),
                            "lot": lot.lotNumber,
                        ]),
                        s.text("injection.confirmArm", ["arm": s["arm.\(arm.rawValue)"]]),
                    ],
                    hint: s["injection.confirmHint"]
                ).draw(in: area, into: &buffer)
            }
        }
        return nil
    }

    private func drawPreparation(_ entry: QueueEntry, in area: Rect, into buffer: inout Buffer, _ context: Context) {
        let s = context.strings
        buffer.put(context.identityLine(ticket: entry.ticket, person: entry.person), x: area.x + 1, y: area.y, style: .bold)
        buffer.put(s.text("queue.dose", ["n": String(entry.doseNumber)]), x: area.x + 1, y: area.y + 1)
        if entry.caution {
            buffer.put(s["injection.cautionFlag"], x: area.x + 12, y: area.y + 1, style: .warning)
        }
        if let allowed = entry.allowedProducts {
            buffer.put(s.text("injection.allowedProducts", ["products": context.productNames(allowed)]),
                       x: area.x + 1, y: area.y + 2, style: .muted, clip: area)
        }
        buffer.put(s["injection.lotLabel"], x: area.x + 1, y: area.y + 3, style: .bold)
        let lots = usableLots(context)
        let rows = lots.map { lot in
            context.productName(lot.productCode).padded(toWidth: 36) + " " + s.text("injection.lotLine", [
                "lot": lot.lotNumber, "expiry": lot.expiry,
            ])
        }
        ListView.draw(rows, selection: lotSelection, in: Rect(x: area.x + 1, y: area.y + 4, width: area.width - 2,
                      height: min(8, max(1, rows.count))), into: &buffer, empty: s["injection.noLot"])
        let armY = area.y + 5 + min(8, max(1, rows.count))
        buffer.put(s["injection.armLabel"], x: area.x + 1, y: armY, style: .bold)
        var x = area.x + 2 + s["injection.armLabel"].displayWidth
        for choice in Arm.allCases {
            let text = (choice == arm ? "(•) " : "( ) ") + s["arm.\(choice.rawValue)"]
            x += buffer.put(text, x: x, y: armY, style: choice == arm ? .bold : .plain) + 3
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
