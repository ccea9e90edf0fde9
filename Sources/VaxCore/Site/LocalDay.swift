import Foundation

/// Days as the site lives them: `yyyy-mm-dd` in the site's time zone (Vietnam's unless the site says
/// otherwise), the form every stored day takes.
public enum LocalDay {
    public static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// A stored day (`yyyy-mm-dd`, or a year) as forms write it (`dd/mm/yyyy`); other text as it is.
    public static func shown(_ stored: String) -> String {
        BirthDate(stored: stored)?.description ?? stored
    }

    /// `HH:mm` (or `HH:mm:ss`) of `date` in `timeZone`.
    public static func time(_ date: Date, in timeZone: TimeZone = vietnam, seconds: Bool = false) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        return seconds
            ? String(format: "%02d:%02d:%02d", c.hour!, c.minute!, c.second!)
            : String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// The day `date` falls on in `timeZone`, `yyyy-mm-dd`.
    public static func of(_ date: Date, in timeZone: TimeZone = vietnam) -> String {
        LocalDate(date, in: timeZone).stored
    }

    /// The first moment of a stored day (`yyyy-mm-dd`) in `timeZone`.
    public static func start(of day: String, in timeZone: TimeZone = vietnam) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }
}
