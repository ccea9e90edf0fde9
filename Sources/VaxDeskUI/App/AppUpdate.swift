import Foundation
import TerminalKit
import VaxCore

extension AppState {
    /// The keys every screen has once signed in: help, switch station, sign out, quit.
    func globalKeys() -> [KeyBinding<Command>] {
        let s = context.strings
        var keys = [KeyBinding<Command>([.function(1)], s["key.help"], .help)]
        if station != nil {
            keys.append(KeyBinding([.function(2)], s["key.switchStation"], .switchStation))
            keys.append(KeyBinding([.function(9)], s["key.signOut"], .signOut, inBar: false))
        }
        // ^C quits too, as in most terminal programs: nothing is lost, every step is already saved.
        keys.append(KeyBinding([.function(10), .control("c")], s["key.quit"], .quit))
        return keys
    }

    /// The key map in force now: the screen's keys, then the global ones.
    public func keyMap() -> KeyMap<Command> {
        if showingHelp { return KeyMap([KeyBinding([.escape, .enter, .function(1)], context.strings["key.close"], .dismiss)]) }
        if isAlertingSiteLead {
            return KeyMap([KeyBinding([.enter], context.strings["key.acknowledgeAlert"], .acknowledgeAlert)] + globalKeys())
        }
        return KeyMap(screen.current.keyMap(context).bindings + globalKeys())
    }

    /// Applies an action; returns the effects the run loop must perform.
    public mutating func update(_ action: AppAction) -> [AppEffect] {
        if action.endsStep { isSaving = false }
        switch action {
        case .key(let key):
            return handle(key)
        case .tick(let now):
            context.now = now
            if let limit = idleLock, context.user != nil, !isSaving, now.timeIntervalSince(lastActivity) >= limit {
                return lock()
            }
            return []
        case .signedIn(let member):
            return signedIn(member)
        case .signInRefused(let refusal):
            notice = Notice(text: context.strings.message(for: refusal, timeZone: context.timeZone), tone: .danger)
        case .pinReset(let code, let pin):
            notice = Notice(text: context.strings.text("notice.pinReset", ["code": code, "pin": pin]), tone: .success)
        case .resized(let newSize):
            size = newSize
            return []
        case .databaseChanged:
            return [.loadSyncStatus, .loadSession, .loadAlerts] + screen.current.refresh(context)
        case .sessionLoaded(let session, let lots):
            context.session = session
            context.lots = lots
            return []
        case .syncStatusLoaded(let status):
            sync = status
            return []
        case .certificatePrinted(let path, let printer):
            notice = Notice(text: context.strings.text(printer == nil ? "notice.certificateSaved" : "notice.certificatePrinted",
                                                       ["path": path, "printer": printer ?? ""]), tone: .success)
            return []
        case .certificatePrintFailed(let path, let printer):
            notice = Notice(text: context.strings.text("notice.certificatePrintFailed", ["path": path, "printer": printer]),
                            tone: .warning)
            return []
        case .alertsLoaded(let alerts):
            context.alerts = alerts
            return []
        case .sessionClosed:
            notice = Notice(text: context.strings["notice.sessionClosed"], tone: .success)
        case .sessionOpened:
            notice = Notice(text: context.strings["notice.sessionOpened"], tone: .success)
        case .staffAdded(let member, let pin):
            notice = Notice(text: context.strings.text(pin == nil ? "notice.staffAdded" : "notice.staffAddedPIN", [
                "name": member.fullName, "role": context.strings["role.\(member.role.rawValue)"], "pin": pin ?? "",
            ]), tone: .success)
        case .adverseEventRecorded(let ticket, let serious):
            notice = Notice(text: context.strings.text(serious ? "notice.aefiSerious" : "notice.aefiRecorded",
                                                       ["n": String(ticket)]), tone: serious ? .danger : .success)
        case .refused(let error):
            notice = Notice(text: context.strings.message(for: error), tone: .danger)
        case .storageFailed(let message):
            notice = Notice(text: context.strings.text("error.storage", ["detail": message]), tone: .danger)
        case .checkedIn(let ticket, let person):
            notice = Notice(text: context.strings.text("notice.checkedIn", ["n": String(ticket), "name": person.fullName]), tone: .success)
        case .screeningSaved(let ticket, let outcome):
            notice = Notice(text: context.strings.text("notice.screened", [
                "n": String(ticket), "outcome": context.strings["outcome.\(outcome.rawValue)"],
            ]), tone: .success)
        case .injectionSaved(let ticket, let due):
            notice = Notice(text: context.strings.text("notice.injected", ["n": String(ticket), "time": context.time(due)]), tone: .success)
        case .vialOpened(let vial):
            notice = Notice(text: context.strings.text("notice.vialOpened", [
                "product": context.productNames([vial.productCode]), "lot": vial.lotNumber,
                "doses": String(vial.dosesPerVial), "time": context.time(vial.discardDue),
            ]), tone: .success)
        case .vialDiscarded(let wasted):
            notice = Notice(text: context.strings.text("notice.vialDiscarded", ["n": String(wasted)]), tone: .success)
        case .discharged(let ticket):
            notice = Notice(text: context.strings.text("notice.discharged", ["n": String(ticket)]), tone: .success)
        default:
            break
        }
        let context = self.context
        let effects = screen.modify { $0.receive(action, context) }
        // A result may lead straight to a write (a walk-in with no look-alikes is registered at once).
        if effects.contains(where: \.isWrite) { isSaving = true }
        return effects
    }

    private mutating func handle(_ key: Key) -> [AppEffect] {
        if isSaving { return [] }
        lastActivity = context.now
        guard size.isLargeEnough else {
            return key == .function(10) || key == .control("c") ? quit() : []
        }
        switch keyMap().lookup(key) {
        case .command(let command):
            return perform(command)
        case .disabled(let reason):
            notice = Notice(text: reason, tone: .warning)
            return []
        case .unbound:
            let context = self.context
            return screen.modify { $0.handleKey(key, context) }
        }
    }

    private mutating func perform(_ command: Command) -> [AppEffect] {
        switch command {
        case .help:
            showingHelp.toggle()
            return []
        case .dismiss where showingHelp:
            showingHelp = false
            return []
        case .quit:
            return quit()
        case .signOut:
            context.user = nil
            screenUnderLock = nil
            screen = .login(LoginScreen())
            notice = nil
            return screen.current.refresh(context)
        case .acknowledgeAlert:
            guard let alert = context.alerts.first, let user = context.user else { return [] }
            context.alerts.removeFirst()
            return [.acknowledgeAlert(alert.id, by: user.id)]
        case .openRosterImport:
            screen = .rosterImport(RosterImportScreen())
            notice = nil
            return []
        case .openDashboard:
            screen = .dashboard(DashboardScreen())
            notice = nil
            return screen.current.refresh(context)
        case .switchStation:
            screen = .stations(StationPicker(preferred: station ?? context.user?.role.homeStation ?? .checkIn))
            return []
        case .confirm:
            if case .stations(let picker) = screen {
                screen = .station(picker.chosen)
                notice = nil
                return screen.current.refresh(context)
            }
            fallthrough
        default:
            notice = nil
            let context = self.context
            let effects = screen.modify { $0.perform(command, context) }
            if effects.contains(where: \.isWrite) { isSaving = true }
            return effects
        }
    }

    /// Locks the desk: the screen goes under the lock, nobody is signed in, and nothing personal shows.
    private mutating func lock() -> [AppEffect] {
        guard let user = context.user else { return [] }
        screenUnderLock = screen
        screen = .login(LoginScreen(locked: user))
        context.user = nil
        notice = nil
        showingHelp = false
        return screen.current.refresh(context)
    }

    /// The PIN was right. The person the desk locked on gets their screen back; anyone else starts at
    /// the station picker.
    private mutating func signedIn(_ member: Staff) -> [AppEffect] {
        notice = nil
        context.user = member
        lastActivity = context.now
        let under = screenUnderLock
        screenUnderLock = nil
        if case .login(let login) = screen, login.locked?.id == member.id, let under {
            screen = under
            return [.loadSession, .loadAlerts] + screen.current.refresh(context)
        }
        screen = .stations(StationPicker(preferred: member.role.homeStation))
        return []
    }

    private mutating func quit() -> [AppEffect] {
        wantsQuit = true
        return [.quit]
    }
}

extension AppState {
    /// The site lead's desk stops on a serious adverse event until it is acknowledged.
    var isAlertingSiteLead: Bool { context.user?.role == .siteLead && !context.alerts.isEmpty }
}

extension AppEffect {
    /// Effects that record something: the desk shows "saving…" and takes no keys until they answer.
    var isWrite: Bool {
        switch self {
        case .checkIn, .registerWalkIn, .savePaperDose, .saveScreening, .inject, .openVial, .discardVial, .discharge,
             .recordAdverseEvent, .closeSession, .openSession, .addStaff, .signIn, .resetPIN: true
        default: false
        }
    }
}
