import CursesTerminal
import Foundation
import TerminalKit
import VaxDeskUI
import VaxStore

/// The desk's loop: read a key (waiting at most 50 ms, so the clock and other desks' writes are
/// noticed while nobody types), turn it into actions, perform the effects, draw what changed.
final class DeskRunLoop {
    private var state: AppState
    private let terminal: Terminal
    private let effects: EffectRunner
    private let watcher: ChangeWatcher
    private let inbox: ActionInbox
    private let presenter = FramePresenter()
    private var needsRender = true

    /// How often the database is asked whether another desk wrote (PRAGMA data_version is cheap).
    static let pollInterval: TimeInterval = 0.3

    init(state: AppState, terminal: Terminal, effects: EffectRunner, watcher: ChangeWatcher, inbox: ActionInbox) {
        self.inbox = inbox
        self.state = state
        self.terminal = terminal
        self.effects = effects
        self.watcher = watcher
    }

    func run() {
        perform(state.start())
        _ = try? watcher.hasChanged()
        var lastPoll = Date()
        var lastSecond = Int(Date().timeIntervalSince1970)
        while !state.wantsQuit {
            if needsRender { present() }
            if let key = terminal.readKey(timeoutMilliseconds: 50) { send(.key(key)) }
            for action in inbox.take() { send(action) }
            if terminal.size != state.size {
                presenter.invalidate()
                terminal.invalidate()
                send(.resized(terminal.size))
            }
            let now = effects.clock()
            if Int(now.timeIntervalSince1970) != lastSecond {
                lastSecond = Int(now.timeIntervalSince1970)
                send(.tick(now))
            }
            if now.timeIntervalSince(lastPoll) >= Self.pollInterval {
                lastPoll = now
                if (try? watcher.hasChanged()) == true { send(.databaseChanged) }
            }
        }
    }

    private func send(_ action: AppAction) {
        let next = state.update(action)
        needsRender = true
        perform(next)
    }

    private func perform(_ list: [AppEffect]) {
        for effect in list {
            // Show "saving…" before a write that may wait on another desk's lock.
            if state.isSaving { present() }
            if let action = effects.perform(effect) { send(action) }
        }
    }

    private func present() {
        let (buffer, cursor) = state.render()
        presenter.present(buffer, cursor: cursor, on: terminal)
        needsRender = false
    }
}

/// Actions posted by work running on other threads, taken by the run loop between keys.
final class ActionInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [AppAction] = []

    @Sendable func post(_ action: AppAction) {
        lock.lock()
        defer { lock.unlock() }
        // Progress replaces the progress before it: the screen only needs the latest.
        if case .importProgress = action, case .importProgress? = actions.last { actions.removeLast() }
        actions.append(action)
    }

    func take() -> [AppAction] {
        lock.lock()
        defer { lock.unlock() }
        defer { actions = [] }
        return actions
    }
}
