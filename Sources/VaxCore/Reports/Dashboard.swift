import Foundation

/// What the site lead watches during a session: people at each stage, how long people wait, the pace,
/// adverse events, open vials, doses per lot and what waits to be sent to the central service.
public struct Dashboard: Hashable, Sendable {
    public var session: VaccinationSession
    public var stageCounts: [VisitStage: Int] = [:]
    /// When each person now waiting reached the queue of screening and of injection.
    public var waitingSince: [VisitStage: [Date]] = [:]
    public var vaccinated = 0
    public var firstInjection: Date?
    /// The session's adverse events, serious ones first, newest first.
    public var adverseEvents: [AdverseEvent] = []
    public var openVials: [Vial] = []
    public var lots: [SessionReport.Lot] = []
    public var outboxPending = 0
    /// How the site stands with the centre, and the records it refused (oldest first).
    public var sync = SyncStatus()
    /// The last pull from the centre that went through, with what the pulls brought in all; nil before
    /// the first.
    public var lastPull: PullSummary?
    /// The people registered for the session's day, slot by slot, and how many of them have come.
    public var slots: [SlotAttendance] = []
    public var refused: [QuarantinedRecord] = []
    /// The latest verified backup of the site database (nil: none was ever taken).
    public var lastBackup: BackupRecord?
    /// Serious adverse events the centre has not yet received: each is due there within 24 hours.
    public var seriousReportsDue: [SeriousReportDue] = []

    /// A serious adverse event's report on its way to the centre, and when it is due there.
    public struct SeriousReportDue: Hashable, Sendable {
        public var caseNumber: String
        public var personName: String
        public var recordedAt: Date
        /// The Ministry's deadline: 24 hours after the event was recorded.
        public var due: Date { recordedAt.addingTimeInterval(24 * 3600) }

        public init(caseNumber: String, personName: String, recordedAt: Date) {
            self.caseNumber = caseNumber
            self.personName = personName
            self.recordedAt = recordedAt
        }
    }

    public init(session: VaccinationSession) {
        self.session = session
    }

    /// Median and longest wait, in whole minutes, of the people waiting at `stage` at `now`.
    public func waits(at stage: VisitStage, now: Date) -> (count: Int, median: Int, longest: Int) {
        let minutes = (waitingSince[stage] ?? []).map { max(0, Int(now.timeIntervalSince($0) / 60)) }.sorted()
        guard !minutes.isEmpty else { return (0, 0, 0) }
        let middle = minutes.count / 2
        let median = minutes.count % 2 == 1 ? minutes[middle] : (minutes[middle - 1] + minutes[middle]) / 2
        return (minutes.count, median, minutes.last!)
    }

    /// Doses given per hour since the first injection of the session.
    public func perHour(now: Date) -> Int {
        guard let firstInjection else { return 0 }
        let hours = max(now.timeIntervalSince(firstInjection) / 3_600, 1.0 / 6)
        return Int((Double(vaccinated) / hours).rounded())
    }
}

/// What the site's pulls from the centre brought: the people and doses of other sites, new here.
public struct PullSummary: Hashable, Sendable {
    public var at: Date
    public var people: Int
    public var doses: Int

    public init(at: Date, people: Int, doses: Int) {
        self.at = at
        self.people = people
        self.doses = doses
    }
}
