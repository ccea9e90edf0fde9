/// A date of birth, which for some people (often the elderly) is only a year.
public struct BirthDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public init(year: Int) {
        self.year = year
        self.month = nil
        self.day = nil
    }

    /// A full date; nil when the day does not exist in that month.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= BirthDate.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the stored form: `yyyy-mm-dd` or `yyyy`.
    public init?(stored: String) {
        let parts = stored.split(separator: "-")
        if parts.count == 1, let year = Int(parts[0]), parts[0].count == 4 {
            self.init(year: year)
        } else if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    /// The stored form: `yyyy-mm-dd`, or `yyyy` when only the year is known.
    public var stored: String {
        guard let month, let day else { return year.zeroPadded(4) }
        return "\(year.zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2))"
    }

    /// As Vietnamese forms write it: `dd/mm/yyyy`, or the year alone.
    public var description: String {
        guard let month, let day else { return year.zeroPadded(4) }
        return "\(day.zeroPadded(2))/\(month.zeroPadded(2))/\(year.zeroPadded(4))"
    }

    /// Whether both can be the same person's: the same year, and the same day when both know it (a
    /// list that gives the year alone agrees with a full date of that year).
    public func agrees(with other: BirthDate) -> Bool {
        guard year == other.year else { return false }
        guard let month, let day, let otherMonth = other.month, let otherDay = other.day else { return true }
        return month == otherMonth && day == otherDay
    }

    public static func < (lhs: BirthDate, rhs: BirthDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
