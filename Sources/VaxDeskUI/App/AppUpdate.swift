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
        if askingToDiscard {
            return KeyMap([
                KeyBinding([.enter], context.strings["key.discard"], .confirm),
                KeyBinding([.escape], context.strings["key.keepWorking"], .dismiss),
            ])
        }
        if isAlertingSiteLead {
            return KeyMap([KeyBinding([.enter], context.strings["key.acknowledgeAlert"], .acknowledgeAlert)] + globalKeys())
        }
        return KeyMap(screen.current.keyMap(context).bindings + globalKeys())
    }

    /// Applies an action; returns the requests the run loop must perform.
    public mutating func update(_ action: AppAction) -> [Request] {
        switch action {
        case .key(let key):
            return handle(key)
        case .tick(let now):
            context.now = now
            if let limit = idleLock, context.user != nil, !isSaving, now.timeIntervalSince(lastActivity) >= limit {
                return lock()
            }
            return []
        case .resized(let newSize):
            size = newSize
            return []
        case .databaseChanged:
            // The observation board under the lock keeps up: its counts show on the locked screen.
            var under: [Request] = []
            if let locked = screenUnderLock, case .observation = locked.screen {
                under = requests(locked.screen.current.refresh(context), from: .screen(locked.id))
            }
            return requests([.loadSyncStatus, .loadSession, .loadAlerts], from: .app)
                + requests(screen.current.refresh(context), from: .screen(screenID)) + under
        case .answer(let answer):
            if answer.endsWrite { pendingWrites = max(0, pendingWrites - 1) }
            var next = receiveAtDesk(answer.result)
            switch answer.to {
            case .app: break
            case .job(.rosterImport): next += receiveAtImport(answer.result)
            case .screen(let id): next += deliver(answer.result, to: id)
            }
            return next
        }
    }

    /// What every answer may tell the desk as a whole, whoever asked: the session, the sync state,
    /// the alerts, a sign-in, and the notices that need nothing of the screen that asked.
    private mutating func receiveAtDesk(_ result: AppResult) -> [Request] {
        let s = context.strings
        switch result {
        case .signedIn(let member):
            return signedIn(member)
        case .signInRefused(let refusal):
            notice = Notice(text: s.message(for: refusal, timeZone: context.timeZone), tone: .danger)
        case .pinReset(let code, _):
            // The PIN itself is shown in a dialog of the dashboard until read, never in the status line.
            notice = Notice(text: s.text("notice.pinReset", ["code": code]), tone: .success)
        case .sessionLoaded(let session, let lots):
            context.session = session
            context.lots = lots
        case .syncStatusLoaded(let status):
            sync = status
        case .alertsLoaded(let alerts):
            context.alerts = alerts
        case .certificatePrinted(let path, let printer):
            notice = Notice(text: s.text(printer == nil ? "notice.certificateSaved" : "notice.certificatePrinted",
                                         ["path": path, "printer": printer ?? ""]), tone: .success)
        case .certificatePrintFailed(let path, let printer):
            notice = Notice(text: s.text("notice.certificatePrintFailed", ["path": path, "printer": printer]), tone: .warning)
        case .leftWithoutDoseRecorded(let n):
            notice = Notice(text: s.text("notice.leftWithoutDose", ["n": String(n)]), tone: .warning)
        case .sessionClosed:
            notice = Notice(text: s["notice.sessionClosed"], tone: .success)
        case .sessionOpened:
            notice = Notice(text: s["notice.sessionOpened"], tone: .success)
        case .staffAdded(let member, let pin):
            notice = Notice(text: s.text(pin == nil ? "notice.staffAdded" : "notice.staffAddedPIN", [
                "name": member.fullName, "role": s["role.\(member.role.rawValue)"], "pin": pin ?? "",
            ]), tone: .success)
        case .vialOpened(let vial):
            notice = Notice(text: s.text("notice.vialOpened", [
                "product": context.productNames([vial.productCode]), "lot": vial.lotNumber,
                "doses": String(vial.dosesPerVial), "time": context.time(vial.discardDue),
            ]), tone: .success)
        case .vialDiscarded(let wasted):
            notice = Notice(text: s.text("notice.vialDiscarded", ["n": String(wasted)]), tone: .success)
        case .refused(let error):
            notice = Notice(text: s.message(for: error), tone: .danger)
        case .storageFailed(let message):
            notice = Notice(text: s.text("error.storage", ["detail": message]), tone: .danger)
        case .readFailed(let message):
            notice = Notice(text: s.text("error.storageRead", ["detail": message]), tone: .danger)
        default:
            break
        }
        return []
    }

    /// An answer for a screen reaches that screen: on top, or under the lock (where it is kept, and
    /// nothing of it shows until the PIN). A screen no longer shown does not get it.
    private mutating func deliver(_ result: AppResult, to id: ScreenID) -> [Request] {
        let receive = Receive(result: result, context: context)
        if id == screenID {
            let reaction = screen.modify(receive)
            if let said = reaction.notice { notice = said }
            return requests(reaction.effects, from: .screen(id))
        }
        if var under = screenUnderLock, under.id == id {
            let reaction = under.screen.modify(receive)
            screenUnderLock = under
            return requests(reaction.effects, from: .screen(id))
        }
        return []
    }

    /// The roster import's progress and end: kept by the desk, told wherever the site lead is.
    private mutating func receiveAtImport(_ result: AppResult) -> [Request] {
        // A rule's refusal (the site lead's role, say) ends the import like any failure, in words.
        let result = if case .refused(let error) = result { AppResult.importFailed(context.strings.message(for: error)) } else { result }
        guard var job = context.rosterImport, job.receive(result) else { return [] }
        context.rosterImport = job
        // The import screen shows the job itself; a locked desk shows nothing of it until the PIN.
        if case .rosterImport = screen { return [] }
        if !isLocked {
            switch job {
            case .finished(let summary, _):
                notice = Notice(text: context.strings.text("notice.importFinished", [
                    "n": RosterImportScreen.grouped(summary.imported), "rejected": RosterImportScreen.grouped(summary.rejected),
                ]), tone: summary.rejected > 0 ? .warning : .success)
            case .failed(let message):
                notice = Notice(text: context.strings.text("notice.importFailed", ["detail": message]), tone: .danger)
            case .running:
                break
            }
        }
        return []
    }

    /// `effects` as requests from `requester`: writes are counted until answered, and long work
    /// becomes a job of the desk.
    mutating func requests(_ effects: [AppEffect], from requester: Requester) -> [Request] {
        effects.map { effect in
            if effect.isWrite { pendingWrites += 1 }
            if let job = effect.job {
                switch job {
                case .rosterImport: context.rosterImport = .running(done: 0, total: 0)
                }
                return Request(from: .job(job), effect: effect)
            }
            return Request(from: requester, effect: effect)
        }
    }

    private mutating func fromScreen(_ effects: [AppEffect]) -> [Request] {
        requests(effects, from: .screen(screenID))
    }

    private mutating func handle(_ key: Key) -> [Request] {
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
            return fromScreen(screen.modify(HandleKey(key: key, context: context)))
        }
    }

    private mutating func perform(_ command: Command) -> [Request] {
        if askingToDiscard {
            askingToDiscard = false
            // Enter: the screen goes back as Esc asked, dropping what was typed; Esc: back to typing.
            return command == .confirm ? fromScreen(screen.modify(Perform(command: .back, context: context))) : []
        }
        if command == .back, screen.current.hasUnsavedInput {
            askingToDiscard = true
            return []
        }
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
            let release = releasingClaim()
            context.user = nil
            screenUnderLock = nil
            show(.login(LoginScreen()))
            notice = nil
            return release + fromScreen(screen.current.refresh(context))
        case .acknowledgeAlert:
            guard let alert = context.alerts.first, let user = context.user else { return [] }
            context.alerts.removeFirst()
            return requests([.acknowledgeAlert(alert.id, by: user.id)], from: .app)
        case .openRosterImport:
            show(.rosterImport(RosterImportScreen()))
            notice = nil
            return []
        case .dismiss where isShowingImportOutcome:
            // The outcome was read: the import screen is ready for the next file.
            context.rosterImport = nil
            return []
        case .openDashboard:
            show(.dashboard(DashboardScreen()))
            notice = nil
            return fromScreen(screen.current.refresh(context))
        case .switchStation:
            let release = releasingClaim()
            show(.stations(StationPicker(preferred: station ?? context.user?.role.homeStation ?? .checkIn)))
            return release
        case .confirm:
            if case .stations(let picker) = screen {
                show(.station(picker.chosen))
                notice = nil
                return fromScreen(screen.current.refresh(context))
            }
            fallthrough
        default:
            notice = nil
            return fromScreen(screen.modify(Perform(command: command, context: context)))
        }
    }

    /// The person the screen on top has called, let go of as it goes.
    private mutating func releasingClaim() -> [Request] {
        screen.current.heldClaim.map { requests([.releaseClaim(visitID: $0)], from: .app) } ?? []
    }

    /// The import screen shows how the last import ended.
    private var isShowingImportOutcome: Bool {
        guard case .rosterImport = screen else { return false }
        switch context.rosterImport {
        case .finished?: return true
        case .running?, .failed?, nil: return false
        }
    }

    /// Locks the desk: the screen goes under the lock, nobody is signed in, and nothing personal shows.
    private mutating func lock() -> [Request] {
        guard let user = context.user else { return [] }
        screenUnderLock = (screen, screenID)
        show(.login(LoginScreen(locked: user)))
        context.user = nil
        notice = nil
        showingHelp = false
        askingToDiscard = false
        return fromScreen(screen.current.refresh(context))
    }

    /// The PIN was right. The person the desk locked on gets their screen back, with what it received
    /// meanwhile; anyone else starts at the station picker.
    private mutating func signedIn(_ member: Staff) -> [Request] {
        notice = nil
        context.user = member
        lastActivity = context.now
        let under = screenUnderLock
        screenUnderLock = nil
        if case .login(let login) = screen, login.locked?.id == member.id, let under {
            screen = under.screen
            screenID = under.id
            return requests([.loadSession, .loadAlerts], from: .app) + fromScreen(screen.current.refresh(context))
        }
        show(.stations(StationPicker(preferred: member.role.homeStation)))
        return []
    }

    private mutating func quit() -> [Request] {
        wantsQuit = true
        return [Request(from: .app, effect: .quit)]
    }
}

/// The three things the desk does to the screen on top.
private struct Receive: ScreenVisitor {
    let result: AppResult
    let context: Context
    func visit<S: StationScreen>(_ screen: inout S) -> Reaction { screen.receive(result, context) }
}

private struct HandleKey: ScreenVisitor {
    let key: Key
    let context: Context
    func visit<S: StationScreen>(_ screen: inout S) -> [AppEffect] { screen.handleKey(key, context) }
}

private struct Perform: ScreenVisitor {
    let command: Command
    let context: Context
    func visit<S: StationScreen>(_ screen: inout S) -> [AppEffect] { screen.perform(command, context) }
}

extension AppState {
    /// The site lead's desk stops on a serious adverse event until it is acknowledged.
    var isAlertingSiteLead: Bool { context.user?.role == .siteLead && !context.alerts.isEmpty }
}
