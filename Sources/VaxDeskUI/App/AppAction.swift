import Foundation
import TerminalKit

/// What can happen to the interface: keys, time, the terminal's size, other desks' writes, and the
/// answer to a request, addressed to whoever asked for it.
public enum AppAction: Sendable {
    case key(Key)
    case tick(Date)
    case resized(Size)
    /// Some process committed to the site database (this desk included): what is on screen may be stale.
    case databaseChanged
    case answer(Answer)
}

/// Who asked for an effect: the answer goes back there, whatever is on top by then.
public enum Requester: Hashable, Sendable {
    /// The desk itself: the session, the sync status, the alerts.
    case app
    /// One screen, as it was shown: a screen shown anew (another station, after signing out) is
    /// another requester, and an answer for the one before is dropped.
    case screen(ScreenID)
    /// Work of the desk that outlives screens: locking, switching station and signing out.
    case job(Job)
}

/// A screen as it was shown, numbered in the order the desk showed them.
public struct ScreenID: Hashable, Sendable {
    let serial: Int
}

/// The long work a desk does in the background, one of each at a time.
public enum Job: Hashable, Sendable {
    case rosterImport
}

/// An effect and who asked for it.
public struct Request: Hashable, Sendable {
    public let from: Requester
    public let effect: AnyEffect

    public init(from: Requester, effect: AnyEffect) {
        self.from = from
        self.effect = effect
    }

    public init(from: Requester, effect: some DeskEffect) {
        self.init(from: from, effect: AnyEffect(effect))
    }
}

/// How a request ended, for the requester. `endsWrite`: the request was a write, which the desk
/// waits for ("saving…", no keys) until its answer comes.
public struct Answer: Sendable {
    public let to: Requester
    public let endsWrite: Bool
    public let outcome: Outcome

    public init(to: Requester, endsWrite: Bool, outcome: Outcome) {
        self.to = to
        self.endsWrite = endsWrite
        self.outcome = outcome
    }

    /// The answer to `request`.
    public init(_ request: Request, _ outcome: Outcome) {
        self.init(to: request.from, endsWrite: request.effect.isWrite, outcome: outcome)
    }
}
