/// What a staff member does at a session; each role has its own station.
public enum Role: String, Codable, Sendable, CaseIterable {
    case checkInNurse = "check-in-nurse"
    case screeningDoctor = "screening-doctor"
    case vaccinator
    case observationNurse = "observation-nurse"
    case siteLead = "site-lead"

    /// The station this role works at by default.
    public var homeStation: Station {
        switch self {
        case .checkInNurse: .checkIn
        case .screeningDoctor: .screening
        case .vaccinator: .injection
        case .observationNurse: .observation
        case .siteLead: .checkIn
        }
    }
}

/// A desk of the session, in the order a person passes through them.
public enum Station: String, Codable, Sendable, CaseIterable {
    case checkIn = "check-in"
    case screening
    case injection
    case observation
}
