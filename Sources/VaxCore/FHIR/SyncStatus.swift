import Foundation

/// How the site's records stand with the centre: for every desk's status line and the dashboard.
public struct SyncStatus: Hashable, Sendable {
    /// Records waiting to be sent.
    public var pending = 0
    /// Records the centre refused (4xx): they wait for the site lead, the rest went on.
    public var quarantined = 0
    /// The last push the centre acknowledged.
    public var lastSuccess: Date?
    public var lastAttempt: Date?
    /// Why the last push did not get through (the centre down, a 5xx, a timeout…); nil after a success.
    public var lastError: String?
    /// When the pusher tries again after a failure.
    public var nextAttempt: Date?

    public init() {}
}

/// What became of one outbox row in a push.
public enum SyncOutcome: Hashable, Sendable {
    /// The centre acknowledged it (2xx).
    case sent
    /// Nothing for the centre: a step of the site's own workflow.
    case local
    /// The centre refused it (4xx) with this message: kept aside for the site lead; the rest goes on.
    case quarantined(String)
    /// Not through this time (5xx, 429, a timeout, no connection): tried again later.
    case retry(String)
}

/// One record the centre refused, for the site lead.
public struct QuarantinedRecord: Hashable, Sendable {
    public var seq: Int64
    public var event: String
    public var recordID: UUID
    public var message: String
    public var attempts: Int

    public init(seq: Int64, event: String, recordID: UUID, message: String, attempts: Int) {
        self.seq = seq
        self.event = event
        self.recordID = recordID
        self.message = message
        self.attempts = attempts
    }
}

extension Strings {
    /// Why a push failed, in this language: the pusher's words for a failure without an answer
    /// (`timeout`, `connection-refused`…) are translated; the centre's own messages are shown as sent.
    public func syncError(_ message: String) -> String { optional("syncError.\(message)") ?? message }
}
