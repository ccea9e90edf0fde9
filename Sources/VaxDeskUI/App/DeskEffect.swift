import Foundation
import VaxCore

/// Work a feature asks of the world, and the answer it gets back. Each screen has its own effects
/// (`CheckInEffect`, `ScreeningEffect`…) with its own answers, and each effect says how it is done
/// against the `DeskClient`: a new screen brings its effects with it, nothing shared lists them.
public protocol DeskEffect: Hashable, Sendable {
    associatedtype Answer: Sendable
    /// The effect records something: the desk shows "saving…" and takes no keys until it answers.
    var isWrite: Bool { get }
    /// Long work that must outlive the screen that asked (nil: answered at once, on the loop).
    var job: Job? { get }
    /// Work that waits on something slower than the store (the centre, over the network): done on a
    /// thread of its own, its answer coming back to the screen that asked while keys go on being taken.
    var runsInBackground: Bool { get }
    /// Does the work and gives its answer. A rule's refusal is thrown as `VisitError`; any other
    /// error is a failure of the store.
    func perform(on client: DeskClient) throws -> Answer
    /// The same, for work that has news before it ends (a job's progress).
    func perform(on client: DeskClient, progress: @escaping @Sendable (Answer) -> Void) throws -> Answer
}

extension DeskEffect {
    public var job: Job? { nil }
    public var runsInBackground: Bool { job != nil }

    public func perform(on client: DeskClient, progress: @escaping @Sendable (Answer) -> Void) throws -> Answer {
        try perform(on: client)
    }

    /// The effect's name for logs: no personal data.
    public var name: String { String(describing: self).prefix(while: { $0 != "(" }).description }
}

/// Why an effect gave no answer.
public enum DeskFailure: Error, Hashable, Sendable {
    /// A rule refused the step (another desk was first, no open session…): nothing was recorded.
    case refused(VisitError)
    /// The store could not save (disk full, locked too long): nothing was recorded.
    case storage(String)
    /// The store could not read: what the screen shows may be incomplete, and an empty answer is not
    /// "nobody" (a nurse must not register a duplicate because a search failed).
    case read(String)
}

/// How an effect ended: its answer (of the effect's own `Answer` type), or why not.
public enum Outcome: Sendable {
    case done(any Sendable)
    case failed(DeskFailure)
}

/// An effect of any feature, as the desk queues, counts and logs it.
public struct AnyEffect: Hashable, Sendable {
    public let base: any DeskEffect

    public init(_ base: some DeskEffect) { self.base = base }

    public var isWrite: Bool { base.isWrite }
    public var job: Job? { base.job }
    public var runsInBackground: Bool { base.runsInBackground }
    public var name: String { base.name }

    /// The effect as `E`, when it is one.
    public func `as`<E: DeskEffect>(_ type: E.Type) -> E? { base as? E }

    /// Performs the effect; `progress` hears a job's news before it ends.
    func perform(on client: DeskClient, progress: @escaping @Sendable (Outcome) -> Void = { _ in }) -> Outcome {
        do {
            return .done(try base.perform(on: client) { progress(.done($0)) })
        } catch let error as VisitError {
            return .failed(.refused(error))
        } catch {
            let detail = client.describeFailure(name, error)
            return .failed(isWrite ? .storage(detail) : .read(detail))
        }
    }

    public static func == (lhs: AnyEffect, rhs: AnyEffect) -> Bool { AnyHashable(lhs.base) == AnyHashable(rhs.base) }
    public func hash(into hasher: inout Hasher) { AnyHashable(base).hash(into: &hasher) }
}

extension Never: DeskEffect {
    public typealias Answer = Never
    public var isWrite: Bool { switch self {} }
    public func perform(on client: DeskClient) throws -> Never { switch self {} }
}

extension Sequence where Element == AnyEffect {
    /// Whether `effect` is among these.
    public func contains(_ effect: some DeskEffect) -> Bool { contains(AnyEffect(effect)) }
}
