import Foundation
import VaxCore
import VaxStore

/// Pushes the outbox to the centre, oldest first, in FHIR `batch` Bundles. Each entry is a `PUT` of
/// a resource whose id is the site's record id, so a retry or a duplicate changes nothing at the
/// centre. Per entry: 2xx acknowledged; 4xx (not 429) quarantined with the centre's message, the rest
/// goes on; 429, 5xx, timeouts and refused connections retried after a capped, jittered backoff (or the
/// centre's `Retry-After`). One process at a time pushes: it holds the lease in the site database.
public final class Pusher: @unchecked Sendable {
    let database: AppDatabase
    let transport: FHIRTransport
    let mapping: FHIRMapping
    let batchSize: Int
    let backoff: Backoff
    /// Who holds the lease: host, process and a random part.
    let holder: String
    let clock: @Sendable () -> Date
    /// Failed rounds in a row, for the backoff.
    private(set) var failures = 0

    public init(
        database: AppDatabase, transport: FHIRTransport, mapping: FHIRMapping, batchSize: Int = 500,
        backoff: Backoff = Backoff(), clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.transport = transport
        self.mapping = mapping
        self.batchSize = batchSize
        self.backoff = backoff
        self.clock = clock
        holder = ProcessHolder.current()
    }

    /// What a round did.
    public enum Round: Hashable, Sendable {
        /// Nothing waits.
        case idle
        /// Another process holds the lease.
        case leaseHeld
        /// A Bundle went and came back: rows acknowledged, refused, and left for a retry.
        case pushed(sent: Int, quarantined: Int, retried: Int, local: Int)
        /// The push did not get through; the next try is in `retryIn` seconds.
        case failed(message: String, retryIn: TimeInterval)

        /// How long to wait before the next round.
        public func pause(idle: TimeInterval) -> TimeInterval {
            switch self {
            case .idle, .leaseHeld: idle
            case .pushed(_, _, let retried, _): retried > 0 ? idle : 0
            case .failed(_, let retryIn): retryIn
            }
        }
    }

    /// One round: the lease, up to `batchSize` rows, one Bundle, every row's outcome recorded.
    public func pushOnce() throws -> Round {
        let now = clock()
        guard try database.acquireSyncLease(holder: holder, for: 120, at: now, isGone: ProcessHolder.isGone) else {
            return .leaseHeld
        }
        let items = try database.pendingSyncItems(limit: batchSize)
        guard !items.isEmpty else { return .idle }
        let batch = SyncBatch(items, mapping: mapping)
        guard !batch.entries.isEmpty else {
            try database.recordSyncOutcomes(batch.localOutcomes, at: now)
            return .pushed(sent: 0, quarantined: 0, retried: 0, local: batch.localOutcomes.count)
        }
        let reply: HTTPReply
        do {
            // The head as it is now: it covers every row of the records in this Bundle.
            reply = try transport.post(try batch.bundleData(), auditHead: try database.auditHead(),
                                       waiting: try? database.pendingOutboxCount())
        } catch {
            return try fail(batch, message: Self.describe(error), retryAfter: nil, at: now)
        }
        guard reply.status == 200 else {
            return try fail(batch, message: Self.describe(reply), retryAfter: reply.retryAfter, at: now)
        }
        guard let outcomes = batch.outcomes(from: reply.body) else {
            return try fail(batch, message: "bad-answer", retryAfter: nil, at: now)
        }
        let all = batch.localOutcomes + outcomes
        var sent = 0, quarantined = 0, retried = 0
        for (_, outcome) in outcomes {
            switch outcome {
            case .sent: sent += 1
            case .quarantined: quarantined += 1
            case .retry: retried += 1
            case .local: break
            }
        }
        if retried > 0 {
            // Some entries could not be stored now (the centre busy): the round counts as a failure for
            // the backoff, but what went through is recorded as sent.
            failures += 1
            let wait = backoff.delay(afterFailures: failures, jitter: Double.random(in: 0...1))
            let message = outcomes.compactMap { if case .retry(let m) = $0.outcome { m } else { nil } }.first ?? ""
            try database.recordSyncOutcomes(all, failure: (message, now.addingTimeInterval(wait)), at: now)
        } else {
            failures = 0
            try database.recordSyncOutcomes(all, at: now)
        }
        return .pushed(sent: sent, quarantined: quarantined, retried: retried, local: batch.localOutcomes.count)
    }

    /// Gives the lease back, for another process to push (a desk quitting, a command ending).
    public func releaseLease() {
        try? database.releaseSyncLease(holder: holder)
    }

    private func fail(_ batch: SyncBatch, message: String, retryAfter: TimeInterval?, at now: Date) throws -> Round {
        failures += 1
        // The centre's Retry-After is honoured (up to an hour); otherwise the capped backoff.
        let wait = retryAfter.map { min(max($0, 0), 3600) }
            ?? backoff.delay(afterFailures: failures, jitter: Double.random(in: 0...1))
        let retries = batch.rows.map { (seq: $0, outcome: SyncOutcome.retry(message)) }
        try database.recordSyncOutcomes(batch.localOutcomes + retries, failure: (message, now.addingTimeInterval(wait)), at: now)
        return .failed(message: message, retryIn: wait)
    }

    /// Rounds until `shouldStop` says so, waiting between them as each round's outcome asks; with
    /// `once`, until the queue is empty, a round fails, or another process holds the lease (it is
    /// pushing): the last round is returned for the caller to report. `report` hears every round that
    /// did something.
    @discardableResult
    public func run(once: Bool, idlePause: TimeInterval = 5, shouldStop: @escaping () -> Bool = { false },
                    report: (Round) -> Void = { _ in }) throws -> Round {
        defer { releaseLease() }
        var round = Round.idle
        while !shouldStop() {
            round = try pushOnce()
            if round != .idle { report(round) }
            if once {
                switch round {
                case .idle, .failed, .leaseHeld: return round
                case .pushed: break
                }
            }
            let pause = round.pause(idle: once ? 0.2 : idlePause)
            let until = Date().addingTimeInterval(pause)
            while Date() < until, !shouldStop() { Thread.sleep(forTimeInterval: min(0.05, pause)) }
        }
        return round
    }

    static func describe(_ reply: HTTPReply) -> String {
        let outcome = (try? JSONDecoder().decode(FHIRResource.self, from: reply.body)).flatMap {
            if case .operationOutcome(let o) = $0 { o.message } else { nil }
        }
        return "HTTP \(reply.status)" + (outcome.map { ": \($0)" } ?? "")
    }

    /// A failure without a usable answer, as one of the words the desks translate (`syncError.*`
    /// strings), or the words of a redirect or a refusal, which name what happened.
    public static func describe(_ error: Error) -> String {
        // Not network failures: a redirect names where it pointed, a refusal what the centre said.
        if let redirect = error as? HTTPTransport.RedirectRefused { return redirect.description }
        if let refused = error as? HTTPTransport.Refused { return refused.description }
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("deadlineExceeded") || text.contains("readTimeout") {
            return "timeout"
        }
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection-refused" }
        return "no-connection"
    }
}
