import Foundation
import TerminalKit

/// The desk's loop: read a key (waiting at most 50 ms, so that the clock and other desks' writes are
/// noticed while nobody types), turn it into actions, perform the requests against the client and
/// answer each to whoever asked, draw what changed. Long work (the roster import) runs on a thread of
/// its own and answers through the inbox.
public final class DeskRunLoop {
    public private(set) var state: AppState
    private let terminal: Terminal
    private let client: DeskClient
    private let inbox = ActionInbox()
    private let presenter = FramePresenter()
    private var needsRender = true
    private var lastPoll: Date
    private var lastSecond: Int
    /// Background jobs still running (tests wait for them).
    private let jobs = DispatchGroup()

    /// How often the database is asked whether another desk wrote (PRAGMA data_version is cheap).
    public static let pollInterval: TimeInterval = 0.3

    public init(state: AppState, terminal: Terminal, client: DeskClient) {
        self.state = state
        self.terminal = terminal
        self.client = client
        lastPoll = client.now()
        lastSecond = Int(lastPoll.timeIntervalSince1970)
    }

    /// Runs until the person quits.
    public func run() {
        start()
        while !state.wantsQuit { turn(readTimeout: 50) }
    }

    /// The effects of a new desk, and the first frame.
    public func start() {
        perform(state.start())
        _ = client.databaseChanged()
        present()
    }

    /// One turn of the loop: a key if one comes within `readTimeout`, the answers of background work,
    /// a resize, the clock, other desks' writes; then the frame, if anything changed.
    public func turn(readTimeout: Int) {
        if let key = terminal.readKey(timeoutMilliseconds: readTimeout) { send(.key(key)) }
        for action in inbox.take() { send(action) }
        if terminal.size != state.size {
            presenter.invalidate()
            terminal.invalidate()
            send(.resized(terminal.size))
        }
        let now = client.now()
        if Int(now.timeIntervalSince1970) != lastSecond {
            lastSecond = Int(now.timeIntervalSince1970)
            send(.tick(now))
        }
        if now.timeIntervalSince(lastPoll) >= Self.pollInterval {
            lastPoll = now
            if client.databaseChanged() { send(.databaseChanged) }
        }
        if needsRender { present() }
    }

    /// Waits until the background jobs have ended (for tests).
    public func waitForJobs() { jobs.wait() }

    private func send(_ action: AppAction) {
        let requests = state.update(action)
        needsRender = true
        perform(requests)
    }

    private func perform(_ requests: [Request]) {
        for request in requests {
            if request.effect.runsInBackground {
                startInBackground(request)
                continue
            }
            // Show "saving…" before a write that may wait on another desk's lock.
            if state.isSaving { present() }
            send(.answer(Answer(request, request.effect.perform(on: client))))
            // This desk's own commit is seen at once, and the screen refreshed once for it.
            if request.effect.isWrite, client.databaseChanged() { send(.databaseChanged) }
        }
    }

    /// Long or slow work on a thread of its own: its news and its end come back through the inbox, to
    /// the job or the screen that asked.
    private func startInBackground(_ request: Request) {
        let (client, inbox) = (client, inbox)
        let post: @Sendable (Outcome) -> Void = { outcome in
            inbox.post(.answer(Answer(to: request.from, endsWrite: false, outcome: outcome)))
        }
        jobs.enter()
        let thread = Thread { [jobs] in
            post(request.effect.perform(on: client, progress: post))
            jobs.leave()
        }
        // Parsing a large file recurses more than the default 512 KiB allows.
        thread.stackSize = 8 << 20
        thread.start()
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
        if action.isProgress, actions.last?.isProgress == true { actions.removeLast() }
        actions.append(action)
    }

    func take() -> [AppAction] {
        lock.lock()
        defer { lock.unlock() }
        defer { actions = [] }
        return actions
    }
}

extension AppAction {
    /// A job's news that only says how far it got.
    var isProgress: Bool {
        guard case .answer(let answer) = self, case .done(let news as RosterImportEffect.Answer) = answer.outcome,
              case .progress = news else { return false }
        return true
    }
}
