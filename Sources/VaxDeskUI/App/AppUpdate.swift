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
                under = requests(locked.screen.current.refreshEffects(context), from: .screen(locked.id))
            }
            return requests([AppEffect.loadSyncStatus, .loadSession, .loadAlerts], from: .app)
                + requests(screen.current.refreshEffects(context), from: .screen(screenID)) + under
        case .answer(let answer):
            if answer.endsWrite { pendingWrites = max(0, pendingWrites - 1) }
            switch answer.to {
            case .app: return receiveAtDesk(answer.outcome)
            case .job(.rosterImport): return receiveAtImport(answer.outcome)
            case .screen(let id): return deliver(answer.outcome, to: id)
            }
        }
    }

    /// What the desk asked for itself: the session, the sync state, the alerts.
    private mutating func receiveAtDesk(_ outcome: Outcome) -> [Request] {
        switch outcome {
        case .done(let answer as AppAnswer):
            switch answer {
            case .sessionLoaded(let session, let lots):
                context.session = session
                context.lots = lots
            case .syncStatusLoaded(let status):
                sync = status
            case .alertsLoaded(let alerts):
                context.alerts = alerts
            }
        case .done:
            // The answer to letting go of a claim as the desk moved on: nothing to show.
            break
        case .failed(let failure):
            notice = failureNotice(failure)
        }
        return []
    }

    /// How a failure reads in the status line.
    private func failureNotice(_ failure: DeskFailure) -> Notice {
        let s = context.strings
        return switch failure {
        case .refused(let error): Notice(text: s.message(for: error), tone: .danger)
        case .storage(let detail): Notice(text: s.text("error.storage", ["detail": detail]), tone: .danger)
        case .read(let detail): Notice(text: s.text("error.storageRead", ["detail": detail]), tone: .danger)
        }
    }

    /// An answer for a screen reaches that screen: on top, or under the lock (where it is kept, and
    /// nothing of it shows until the PIN). A screen no longer shown does not get it.
    private mutating func deliver(_ outcome: Outcome, to id: ScreenID) -> [Request] {
        let receive = Receive(outcome: outcome, context: context)
        if id == screenID {
            if case .failed(let failure) = outcome { notice = failureNotice(failure) }
            let reaction = screen.modify(receive)
            if let said = reaction.notice { notice = said }
            if let member = reaction.signedIn { return signedIn(member) }
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
    private mutating func receiveAtImport(_ outcome: Outcome) -> [Request] {
        guard var job = context.rosterImport else { return [] }
        switch outcome {
        case .done(let news as RosterImportEffect.Answer): job.receive(news)
        case .done: return []
        // A rule's refusal (the site lead's role, say) ends the import like any failure, in words.
        case .failed(let failure): job.receive(.failed(failureNotice(failure).text))
        }
        context.rosterImport = job
        // The import screen shows the job itself; a locked desk shows nothing of it until the PIN.
        if case .rosterImport = screen { return [] }
        if !isLocked {
            switch job {
            case .finished(let summary, _):
                notice = Notice(text: context.strings.text("notice.importFinished", [
                    "n": NumberText.grouped(summary.imported), "rejected": NumberText.grouped(summary.rejected),
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
    mutating func requests(_ effects: [AnyEffect], from requester: Requester) -> [Request] {
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

    mutating func requests<E: DeskEffect>(_ effects: [E], from requester: Requester) -> [Request] {
        requests(effects.map(AnyEffect.init), from: requester)
    }

    private mutating func fromScreen(_ effects: [AnyEffect]) -> [Request] {
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
            return release + fromScreen(screen.current.refreshEffects(context))
        case .acknowledgeAlert:
            guard let alert = context.alerts.first, let user = context.user else { return [] }
            context.alerts.removeFirst()
            return requests([AppEffect.acknowledgeAlert(alert.id, by: user.id)], from: .app)
        case .open(let destination):
            show(Screen(opening: destination))
            notice = nil
            return fromScreen(screen.current.refreshEffects(context))
        case .dismiss where isShowingImportOutcome:
            // The outcome was read: the import screen is ready for the next file.
            context.rosterImport = nil
            return []
        case .switchStation:
            let release = releasingClaim()
            show(.stations(StationPicker(preferred: station ?? context.user?.role.homeStation ?? .checkIn)))
            return release
        case .confirm:
            if case .stations(let picker) = screen {
                show(.station(picker.chosen))
                notice = nil
                return fromScreen(screen.current.refreshEffects(context))
            }
            fallthrough
        default:
            notice = nil
            return fromScreen(screen.modify(Perform(command: command, context: context)))
        }
    }

    /// The person the screen on top has called, let go of as it goes.
    private mutating func releasingClaim() -> [Request] {
        screen.current.heldClaim.map { requests([QueueEffect.releaseClaim(visitID: $0)], from: .app) } ?? []
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
        return fromScreen(screen.current.refreshEffects(context))
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
            return requests([AppEffect.loadSession, .loadAlerts], from: .app) + fromScreen(screen.current.refreshEffects(context))
        }
        show(.stations(StationPicker(preferred: member.role.homeStation)))
        return []
    }

    private mutating func quit() -> [Request] {
        wantsQuit = true
        return []
    }
}

/// The three things the desk does to the screen on top.
private struct Receive: ScreenVisitor {
    let outcome: Outcome
    let context: Context
    func visit<S: StationScreen>(_ screen: inout S) -> Reaction<AnyEffect> {
        let reaction: Reaction<S.Effect>
        switch outcome {
        case .done(let answer as S.Effect.Answer): reaction = screen.receive(answer, context)
        // Answers are addressed to the screen that asked: one of another type cannot come.
        case .done: return []
        case .failed(let failure): reaction = screen.failed(failure, context)
        }
        return Reaction(reaction.effects.map(AnyEffect.init), notice: reaction.notice, signedIn: reaction.signedIn)
    }
}

private struct HandleKey: ScreenVisitor {
    let key: Key
    let context: Context
    func visit<S: StationScreen>(_ screen: inout S) -> [AnyEffect] { screen.handleKey(key, context).map(AnyEffect.init) }
}

private struct Perform: ScreenVisitor {
    let command: Command
    let context: Context
    func visit<S: StationScreen>(_ screen: inout S) -> [AnyEffect] { screen.perform(command, context).map(AnyEffect.init) }
}

extension StationScreen {
    /// What `refresh` asks for, as the desk queues it.
    func refreshEffects(_ context: Context) -> [AnyEffect] { refresh(context).map(AnyEffect.init) }
}

extension AppState {
    /// The site lead's desk stops on a serious adverse event until it is acknowledged.
    var isAlertingSiteLead: Bool { context.user?.role == .siteLead && !context.alerts.isEmpty }
}
