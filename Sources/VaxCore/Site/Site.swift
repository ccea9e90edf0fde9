import Foundation

/// A vaccination site: a commune health station, a school hall, a hospital.
public struct Site: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var code: String
    public var name: String
    public var provinceCode: String
    /// The site's time zone; times are stored in UTC and shown in this zone.
    public var timeZoneIdentifier: String

    public init(
        id: UUID = .timeOrdered(), code: String, name: String, provinceCode: String,
        timeZoneIdentifier: String = "Asia/Ho_Chi_Minh"
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.provinceCode = provinceCode
        self.timeZoneIdentifier = timeZoneIdentifier
    }
}
