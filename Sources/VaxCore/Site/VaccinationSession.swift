import Foundation

/// One vaccination session ("buổi tiêm") at the site: a day, a place, a team and lots of vaccine.
public struct VaccinationSession: Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable { case open, closed }

    public var id: UUID
    public var siteID: UUID
    /// The local day of the session, `yyyy-mm-dd`.
    public var day: String
    public var place: String
    public var status: Status
    public var openedAt: Date
    /// The staff on the session's team: only they (and the site lead) record its clinical steps.
    public var team: Set<UUID>

    public init(id: UUID = .timeOrdered(), siteID: UUID, day: String, place: String, status: Status, openedAt: Date,
                team: Set<UUID> = []) {
        self.team = team
        self.id = id
        self.siteID = siteID
        self.day = day
        self.place = place
        self.status = status
        self.openedAt = openedAt
    }
}

/// A lot of vaccine received for a session.
public struct VaccineLot: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var sessionID: UUID
    public var productCode: String
    public var lotNumber: String
    /// The last day the lot may be used.
    public var expiry: LocalDate
    public var dosesReceived: Int

    public init(
        id: UUID = .timeOrdered(), sessionID: UUID, productCode: String, lotNumber: String, expiry: LocalDate,
        dosesReceived: Int
    ) {
        self.id = id
        self.sessionID = sessionID
        self.productCode = productCode
        self.lotNumber = lotNumber
        self.expiry = expiry
        self.dosesReceived = dosesReceived
    }

    /// The lot may be drawn from on `day` (its expiry is the last such day). The one place this is decided.
    public func isUsable(on day: LocalDate) -> Bool { expiry >= day }
}
