import Foundation

/// Dates as Vietnamese lists write them: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd,
/// or a year alone (common for the elderly).
public enum RosterDate {
    public static func parse(_ text: String) -> BirthDate? {
        let trimmed = text.trimmed
        if trimmed.count == 4, let year = Int(trimmed) { return BirthDate(year: year) }
        let parts = trimmed.split(whereSeparator: { "/-.".contains($0) }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        if parts[0].count == 4 {
            return BirthDate(year: numbers[0], month: numbers[1], day: numbers[2])
        }
        guard parts[2].count == 4 else { return nil }
        return BirthDate(year: numbers[2], month: numbers[1], day: numbers[0])
    }
}
