import Foundation

/// How long a person stays on site after the injection: 30 minutes at least, longer for the caution group.
public struct ObservationPolicy: Hashable, Sendable {
    public let standardMinutes: Int
    public let cautionMinutes: Int

    public init(standardMinutes: Int, cautionMinutes: Int) {
        self.standardMinutes = standardMinutes
        self.cautionMinutes = cautionMinutes
    }

    public init(catalog: VaccineCatalog) {
        self.init(
            standardMinutes: catalog.observationMinutes.standard,
            cautionMinutes: catalog.observationMinutes.caution
        )
    }

    public func minutes(caution: Bool) -> Int { caution ? cautionMinutes : standardMinutes }

    public func due(injectedAt: Date, caution: Bool) -> Date {
        injectedAt.addingTimeInterval(TimeInterval(minutes(caution: caution) * 60))
    }
}

/// A countdown as a desk shows it: "12:05" left, or how long overdue.
public struct Countdown: Hashable, Sendable {
    /// Whole seconds left, rounded down (a fresh 30-minute observation reads 30:00, not 30:01).
    public let secondsLeft: Int
    public let isDue: Bool

    public init(until due: Date, now: Date) {
        let remaining = due.timeIntervalSince(now)
        secondsLeft = Int(remaining.rounded(.down))
        isDue = remaining <= 0
    }

    /// `h:mm:ss` from an hour up, else `mm:ss`; `+` in front past the due time (a vial's six hours).
    public var longText: String {
        let magnitude = abs(secondsLeft)
        guard magnitude >= 3_600 else { return text }
        let body = "\(magnitude / 3_600):" + ((magnitude / 60) % 60).zeroPadded(2) + ":" + (magnitude % 60).zeroPadded(2)
        return isDue ? "+" + body : body
    }

    /// `mm:ss` left, or `+mm:ss` past the due time.
    public var text: String {
        let magnitude = abs(secondsLeft)
        let body = String(format: "%02d:%02d", magnitude / 60, magnitude % 60)
        return isDue ? "+" + body : body
    }
}
