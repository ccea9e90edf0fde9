import Foundation

/// Dates as Vietnamese lists write them: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd,
/// or a year alone (common for the elderly).
public enum RosterDate {
    public static func parse(_ text: String) -> BirthDate? {
        let bytes = Array(text.utf8)
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        let parts = bytes[start..<end].split(omittingEmptySubsequences: false) { $0 == 0x2F || $0 == 0x2D || $0 == 0x2E }
        if parts.count == 1 {
            guard parts[0].count == 4, let year = ASCIIDigits.value(parts[0]) else { return nil }
            return BirthDate(year: year)
        }
        guard parts.count == 3, let a = ASCIIDigits.value(parts[0]), let b = ASCIIDigits.value(parts[1]),
              let c = ASCIIDigits.value(parts[2])
        else { return nil }
        if parts[0].count == 4 { return BirthDate(year: a, month: b, day: c) }
        guard parts[2].count == 4 else { return nil }
        return BirthDate(year: c, month: b, day: a)
    }
}
