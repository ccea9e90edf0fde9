import Foundation
import TerminalKit
import VaxCore

/// The injection desk: call the next person cleared by screening, draw the dose from an open vial of
/// a lot their series allows, choose the arm, confirm the person's identity one last time, record.
/// Vials are opened here (F3) and discarded with a reason (F4); each shows its doses left and the time
/// until it must be discarded. F3 from the queue shows the vials with nobody called: the last vials of
/// the day are discarded when the queue is empty.
struct InjectionScreen: StationScreen {
    enum Phase: Hashable {
        case queue
        /// The lots and their vials, for the person called (nil: nobody, only the vials).
        case preparing(QueueEntry?)
        case confirming(QueueEntry, vialID: UUID)
        case discarding(QueueEntry?, Vial, TextField)
    }

    var queue = QueueList()
    var phase = Phase.queue
    var lotSelection = ListSelection()
    var arm = Arm.left
    /// Set when a person is called: once the vials are read, a lot with no open vial gives way to one
    /// that has (the vial in use), so that calling and injecting is Enter, Enter, Enter.
    var pickLotInUse = false
    /// The session's vials, open ones first (reloaded whenever a desk writes).
    var vials: [Vial] = []
    var station: Station? { .injection }

    /// The person called, if anyone.
    var called: QueueEntry? {
        switch phase {
        case .queue: nil
        case .preparing(let entry), .discarding(let entry, _, _): entry
        case .confirming(let entry, _): entry
        }
    }

    var heldClaim: UUID? { called?.visitID }

    /// The session's unexpired lots of a product the person's series allows (check-in decided which).
    func usableLots(_ context: Context) -> [VaccineLot] {
        let allowed = called?.allowedProducts
        return context.lots.filter { $0.isUsable(on: context.todayAtSite) && allowed?.contains($0.productCode) != false }
    }

    var selectedLotIndex: Int { lotSelection.selected }

    /// Keeps the chosen lot when it has a usable open vial (or when none has); otherwise chooses the
    /// first lot that has one.
    mutating func selectLotInUse(_ context: Context) {
        let lots = usableLots(context)
        func inUse(_ index: Int) -> Bool { currentVial(of: lots[index], context)?.state(at: context.now) == .usable }
        guard !(lots.indices.contains(selectedLotIndex) && inUse(selectedLotIndex)),
              let index = lots.indices.first(where: inUse)
        else { return }
        lotSelection.select(index, count: lots.count, visibleRows: 8)
    }

    /// The vial a lot's doses come from: its open vial with the fewest doses left (finish one before the
    /// next), or one past its discard time, which must be discarded first.
    func currentVial(of lot: VaccineLot, _ context: Context) -> Vial? {
        func order(_ vial: Vial) -> (Int, Int) { (vial.state(at: context.now) == .usable ? 1 : 0, vial.dosesLeft) }
        return vials.filter { $0.lotID == lot.id && $0.state(at: context.now) != .closed }.min { order($0) < order($1) }
    }

    /// The selected lot and its current vial.
    func selection(_ context: Context) -> (lot: VaccineLot, vial: Vial?)? {
        let lots = usableLots(context)
        guard lots.indices.contains(selectedLotIndex) else { return nil }
        return (lots[selectedLotIndex], currentVial(of: lots[selectedLotIndex], context))
    }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .queue:
            return KeyMap([
                KeyBinding([.enter], s["key.call"], .confirm, disabledReason: queue.callRefusal(context)),
                KeyBinding([.function(3)], s["key.vials"], .manageVials),
            ])
        case .preparing(let entry):
            let chosen = selection(context)
            let vialState = chosen?.vial?.state(at: context.now)
            let cannotInject: String? =
                chosen == nil ? s["injection.noLot"]
                : chosen?.vial == nil ? s["injection.noOpenVial"]
                : vialState == .pastDiscardTime ? s["injection.vialPastDiscard"] : nil
            // With nobody called there is no dose to give nor arm to choose: only the vials.
            let dose: [KeyBinding<Command>] = entry == nil ? [] : [
                KeyBinding([.enter], s["key.inject"], .confirm, disabledReason: cannotInject),
                KeyBinding([.character("t"), .character("T")], s["key.leftArm"], .arm(.left)),
                KeyBinding([.character("p"), .character("P")], s["key.rightArm"], .arm(.right)),
            ]
            return KeyMap(dose + [
                KeyBinding([.function(3)], s["key.openVial"], .openVial,
                           disabledReason: chosen == nil ? s["injection.noLot"]
                               : vialState == .usable ? s["injection.vialStillOpen"] : nil),
                KeyBinding([.function(4)], s["key.discardVial"], .discardVial,
                           disabledReason: chosen?.vial == nil ? s["injection.noVialToDiscard"] : nil),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .confirming:
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .discarding(_, _, let reason):
            return KeyMap([
                KeyBinding([.enter], s["key.discardVial"], .confirm,
                           disabledReason: reason.text.trimmed.isEmpty ? s["injection.discardReasonRequired"] : nil),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        }
    }

    mutating func perform(_ command: Command, _ context: Context) -> [InjectionEffect] {
        guard let user = context.user else { return [] }
        switch (phase, command) {
        case (.queue, .manageVials):
            phase = .preparing(nil)
            return [.loadVials]
        case (.queue, .confirm):
            guard let entry = queue.selected, entry.claimedBy == nil else { return [] }
            // The lot chosen for the last person stays chosen: a vaccinator works through one vial.
            phase = .preparing(entry)
            pickLotInUse = true
            return [.queue(.claim(visitID: entry.visitID, stage: .waitingInjection, by: user.id)), .loadVials]
        case (.preparing, .arm(let chosen)):
            arm = chosen
        case (.preparing(let entry?), .confirm):
            guard let vial = selection(context)?.vial, vial.state(at: context.now) == .usable else { return [] }
            phase = .confirming(entry, vialID: vial.id)
        case (.preparing, .openVial):
            guard let lot = selection(context)?.lot else { return [] }
            return [.openVial(lotID: lot.id, by: user.id)]
        case (.preparing(let entry), .discardVial):
            guard let vial = selection(context)?.vial else { return [] }
            phase = .discarding(entry, vial, TextField(vial.state(at: context.now) == .pastDiscardTime
                                                           ? context.strings["injection.pastDiscardReason"] : ""))
        case (.preparing(let entry), .back):
            phase = .queue
            return entry.map { [.queue(.releaseClaim(visitID: $0.visitID))] } ?? []
        case (.confirming(let entry, let vialID), .confirm):
            return [.inject(visitID: entry.visitID, vialID: vialID, arm: arm, by: user.id)]
        case (.confirming(let entry, _), .back):
            phase = .preparing(entry)
        case (.discarding(let entry, _, _), .back):
            phase = .preparing(entry)
        case (.discarding(let entry, let vial, let reason), .confirm):
            phase = .preparing(entry)
            return [.discardVial(vialID: vial.id, reason: reason.text.trimmed, by: user.id)]
        default:
            break
        }
        return []
    }

    func otherKeys(_ context: Context) -> [KeyHelp] {
        let s = context.strings
        switch phase {
        case .queue: return KeyHelp.of(.list, strings: s)
        case .preparing: return KeyHelp.of(.lots, .arm, strings: s)
        case .discarding: return KeyHelp.of(.reason, strings: s)
        case .confirming: return []
        }
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [InjectionEffect] {
        switch phase {
        case .queue:
            _ = queue.selection.handle(key, count: queue.entries.count, visibleRows: 16)
        case .preparing:
            switch key {
            case .left: arm = .left
            case .right: arm = .right
            default: _ = lotSelection.handle(key, count: usableLots(context).count, visibleRows: 8)
            }
        case .discarding(let entry, let vial, var reason):
            _ = reason.handle(key)
            phase = .discarding(entry, vial, reason)
        case .confirming:
            break
        }
        return []
    }

    mutating func receive(_ answer: InjectionEffect.Answer, _ context: Context) -> Reaction<InjectionEffect> {
        let s = context.strings
        switch answer {
        case .queue(let answer):
            queue.receive(answer, for: .waitingInjection)
        case .vialsLoaded(let loaded):
            vials = loaded
            if pickLotInUse {
                pickLotInUse = false
                selectLotInUse(context)
            }
        case .vialOpened(let vial):
            return .saved(s.text("notice.vialOpened", [
                "product": context.productNames([vial.productCode]), "lot": vial.lotNumber,
                "doses": String(vial.dosesPerVial), "time": context.time(vial.discardDue),
            ]))
        case .vialDiscarded(let wasted):
            return .saved(s.count("notice.vialDiscarded", wasted))
        case .injected(let due):
            guard case .confirming(let entry, _) = phase else { return [] }
            phase = .queue
            // The queue and the vials reload as the desk sees its own commit.
            return .saved(s.text("notice.injected", ["n": String(entry.ticket), "time": context.time(due)]))
        }
        return []
    }

    mutating func failed(_ failure: DeskFailure, _ context: Context) -> Reaction<InjectionEffect> {
        switch failure {
        case .refused(.vialNotUsable), .refused(.vialPastDiscardTime), .refused(.lotExpired),
             .refused(.discardReasonRequired), .refused(.productNotAllowed):
            // A vial another desk emptied or discarded, a lot gone out of date: look again, same person.
            if case .confirming(let entry, _) = phase { phase = .preparing(entry) }
            return [.loadVials]
        case .refused:
            phase = .queue
            return Reaction(refresh(context))
        case .storage:
            phase = .queue
        case .read:
            break
        }
        return []
    }

    func refresh(_ context: Context) -> [InjectionEffect] { [.queue(.load(.waitingInjection)), .loadVials] }
}
