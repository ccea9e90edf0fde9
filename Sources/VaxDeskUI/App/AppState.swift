import Foundation
import TerminalKit
import VaxCore

/// The whole state of a desk's interface. `AppState.update` changes it; `AppState.render` draws it.
public struct AppState {
    public var context: Context
    public var size: Size
    public var siteName: String
    var screen: Screen
    /// The screen on top, as the requester its effects are answered to.
    var screenID = ScreenID(serial: 0)
    private var shownScreens = 0
    /// The last thing the desk has to tell: a saved step, a refusal, a storage failure.
    public var notice: Notice?
    /// Writes asked for and not yet answered (a write may wait for another desk's lock).
    var pendingWrites = 0
    /// A write is under way: the desk shows "saving…" and takes no keys.
    public var isSaving: Bool { pendingWrites > 0 }
    public var showingHelp = false
    /// Esc on a form with something typed: asked before what was typed goes.
    public internal(set) var askingToDiscard = false
    /// How the site stands with the centre: the status line shows the records waiting and the last
    /// success, or that sending fails.
    public var sync = SyncStatus()
    public internal(set) var wantsQuit = false
    /// After this long without a key the desk locks itself (nil: never).
    public var idleLock: TimeInterval?
    /// The last key pressed (or sign-in): the idle lock counts from it.
    var lastActivity: Date
    /// The screen the desk was on when it locked itself: given back to the same person's PIN. It goes
    /// on receiving the answers it asked for while the desk is locked.
    var screenUnderLock: (screen: Screen, id: ScreenID)?

    public struct Notice: Hashable, Sendable {
        public var text: String
        public var tone: Tone
    }

    enum Screen {
        case login(LoginScreen)
        case stations(StationPicker)
        case checkIn(CheckInScreen)
        case screening(ScreeningScreen)
        case injection(InjectionScreen)
        case observation(ObservationScreen)
        case rosterImport(RosterImportScreen)
        case dashboard(DashboardScreen)
        case changePIN(ChangePINScreen)

        var current: any StationScreen {
            switch self {
            case .login(let s): s
            case .stations(let s): s
            case .checkIn(let s): s
            case .screening(let s): s
            case .injection(let s): s
            case .observation(let s): s
            case .rosterImport(let s): s
            case .dashboard(let s): s
            case .changePIN(let s): s
            }
        }

        /// Runs `body` on the screen, whichever it is, and keeps what it changed.
        mutating func modify<V: ScreenVisitor>(_ visitor: V) -> V.Result {
            switch self {
            case .login(var s): defer { self = .login(s) }; return visitor.visit(&s)
            case .stations(var s): defer { self = .stations(s) }; return visitor.visit(&s)
            case .checkIn(var s): defer { self = .checkIn(s) }; return visitor.visit(&s)
            case .screening(var s): defer { self = .screening(s) }; return visitor.visit(&s)
            case .injection(var s): defer { self = .injection(s) }; return visitor.visit(&s)
            case .observation(var s): defer { self = .observation(s) }; return visitor.visit(&s)
            case .rosterImport(var s): defer { self = .rosterImport(s) }; return visitor.visit(&s)
            case .dashboard(var s): defer { self = .dashboard(s) }; return visitor.visit(&s)
            case .changePIN(var s): defer { self = .changePIN(s) }; return visitor.visit(&s)
            }
        }

        /// A screen the station picker opens.
        init(opening destination: Destination) {
            switch destination {
            case .rosterImport: self = .rosterImport(RosterImportScreen())
            case .dashboard: self = .dashboard(DashboardScreen())
            case .changePIN: self = .changePIN(ChangePINScreen())
            }
        }

        static func station(_ station: Station) -> Screen {
            switch station {
            case .checkIn: .checkIn(CheckInScreen())
            case .screening: .screening(ScreeningScreen())
            case .injection: .injection(InjectionScreen())
            case .observation: .observation(ObservationScreen())
            }
        }
    }

    /// The screens that are not stations, opened from the station picker.
    public enum Destination: Hashable, Sendable {
        case rosterImport, dashboard, changePIN
    }

    public init(context: Context, size: Size, siteName: String, idleLock: TimeInterval? = 300) {
        self.context = context
        self.size = size
        self.siteName = siteName
        self.idleLock = idleLock
        lastActivity = context.now
        screen = .login(LoginScreen())
    }

    /// Puts `next` on top as a new requester: answers for the screen before it no longer reach it.
    mutating func show(_ next: Screen) {
        shownScreens += 1
        screen = next
        screenID = ScreenID(serial: shownScreens)
    }

    /// Whether the desk is locked, waiting for the PIN of the person who left it.
    public var isLocked: Bool { screenUnderLock != nil }

    /// A person whose observation ended this long ago and who is still here is overdue.
    static let overdueAfter: TimeInterval = 10 * 60

    /// An observation desk that locked itself: how many it watches, how many may leave, how many are
    /// overdue. Counts only: the locked screen names nobody.
    var lockedObservationBoard: (watching: Int, due: Int, overdue: Int)? {
        guard case .observation(let board)? = screenUnderLock?.screen else { return nil }
        let dues = board.queue.entries.compactMap(\.observationDue)
        let now = context.now
        return (board.queue.entries.count, dues.filter { $0 <= now }.count,
                dues.filter { now.timeIntervalSince($0) >= Self.overdueAfter }.count)
    }

    /// The effects to run when the desk starts.
    public func start() -> [Request] {
        [AppEffect.loadSession, .loadSyncStatus, .loadAlerts].map { Request(from: .app, effect: $0) }
            + screen.current.refreshEffects(context).map { Request(from: .screen(screenID), effect: $0) }
    }

    /// The station the desk is at, if one is chosen.
    public var station: Station? { screen.current.station }
}
