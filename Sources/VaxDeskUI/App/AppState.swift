import Foundation
import TerminalKit
import VaxCore

/// The whole state of a desk's interface. `AppState.update` changes it; `AppState.render` draws it.
public struct AppState {
    public var context: Context
    public var size: Size
    public var siteName: String
    var screen: Screen
    /// The last thing the desk has to tell: a saved step, a refusal, a storage failure.
    public var notice: Notice?
    /// A write is under way (it may wait for another desk's lock).
    public var isSaving = false
    public var showingHelp = false
    /// How the site stands with the centre: the status line shows the records waiting and the last
    /// success, or that sending fails.
    public var sync = SyncStatus()
    public internal(set) var wantsQuit = false
    /// After this long without a key the desk locks itself (nil: never).
    public var idleLock: TimeInterval?
    /// The last key pressed (or sign-in): the idle lock counts from it.
    var lastActivity: Date
    /// The screen the desk was on when it locked itself: given back to the same person's PIN.
    var screenUnderLock: Screen?

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
            }
        }

        /// Runs `body` on the current screen and stores the changed screen back.
        mutating func modify<T>(_ body: (inout any StationScreen) -> T) -> T {
            var screen = current
            let result = body(&screen)
            switch screen {
            case let s as LoginScreen: self = .login(s)
            case let s as StationPicker: self = .stations(s)
            case let s as CheckInScreen: self = .checkIn(s)
            case let s as ScreeningScreen: self = .screening(s)
            case let s as InjectionScreen: self = .injection(s)
            case let s as ObservationScreen: self = .observation(s)
            case let s as RosterImportScreen: self = .rosterImport(s)
            case let s as DashboardScreen: self = .dashboard(s)
            default: break
            }
            return result
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

    public init(context: Context, size: Size, siteName: String, idleLock: TimeInterval? = 300) {
        self.context = context
        self.size = size
        self.siteName = siteName
        self.idleLock = idleLock
        lastActivity = context.now
        screen = .login(LoginScreen())
    }

    /// Whether the desk is locked, waiting for the PIN of the person who left it.
    public var isLocked: Bool { screenUnderLock != nil }

    /// The effects to run when the desk starts.
    public func start() -> [AppEffect] {
        [.loadSession, .loadSyncStatus, .loadAlerts] + screen.current.refresh(context)
    }

    /// The station the desk is at, if one is chosen.
    public var station: Station? { screen.current.station }
}
