/// The age bands reports count by, at a dose's day. The Ministry's forms fix none; these are the
/// campaign's: children, adults, the older adults of the priority groups, the elderly.
public enum AgeBand: String, CaseIterable, Codable, Sendable {
    case child = "<18"
    case adult = "18-49"
    case olderAdult = "50-64"
    case elderly = "65+"

    /// The youngest age of the band.
    public var from: Int {
        switch self {
        case .child: 0
        case .adult: 18
        case .olderAdult: 50
        case .elderly: 65
        }
    }

    public static func of(age: Int) -> AgeBand {
        allCases.last { age >= $0.from } ?? .child
    }

    /// Age in whole years on `day` (`yyyy-mm-dd`) of a person born on `born`; with only a year (or a
    /// month) known, the birthday is taken as passed.
    public static func age(born: BirthDate, on day: String) -> Int? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var age = parts[0] - born.year
        if let month = born.month, let dayOfMonth = born.day, (parts[1], parts[2]) < (month, dayOfMonth) { age -= 1 }
        return age
    }
}
