import Foundation

/// How long to wait before trying again after failures in a row: exponential from `base`, capped,
/// with jitter ("equal jitter": between half and all of the exponential delay) so that the desks of
/// many sites coming back online do not all knock at the same second.
public struct Backoff: Hashable, Sendable {
    public var base: TimeInterval
    public var cap: TimeInterval

    public init(base: TimeInterval = 2, cap: TimeInterval = 600) {
        self.base = base
        self.cap = cap
    }

    /// The delay after `failures` failures in a row (1 or more); `jitter` in 0…1.
    public func delay(afterFailures failures: Int, jitter: Double) -> TimeInterval {
        let exponential = min(cap, base * pow(2, Double(min(max(failures, 1) - 1, 40))))
        return exponential * (0.5 + 0.5 * min(max(jitter, 0), 1))
    }
}
