import Foundation
import Synchronization

/// A token bucket per site: `rate` requests a second, up to `burst` at once. A site that sends faster
/// is told how long to wait (429 with Retry-After); other sites are not slowed by it.
public final class RateLimiter: Sendable {
    let rate: Double
    let burst: Double
    private let buckets = Mutex<[String: (tokens: Double, at: TimeInterval)]>([:])

    public init(rate: Double, burst: Double? = nil) {
        self.rate = rate
        self.burst = burst ?? max(1, rate * 2)
    }

    /// Takes a request's token for `site`; nil when it may go, or the seconds to wait.
    public func take(_ site: String, now: TimeInterval = Date().timeIntervalSinceReferenceDate) -> TimeInterval? {
        guard rate > 0 else { return nil }
        return buckets.withLock { buckets in
            var bucket = buckets[site] ?? (burst, now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.at) * rate)
            bucket.at = now
            defer { buckets[site] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return (1 - bucket.tokens) / rate
        }
    }
}
