import Foundation

/// One audit row as a line of text, for the command line and the site lead's screen:
/// `412  27/11 09:14:03  DD01  check-in  visit 0193c2a1  detail`.
public enum AuditLine {
    public static func text(_ entry: AuditEntry, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.day, .month, .hour, .minute, .second], from: entry.at)
        let time = String(format: "%02d/%02d %02d:%02d:%02d", c.day!, c.month!, c.hour!, c.minute!, c.second!)
        var parts = [String(entry.seq), time, entry.staffCode ?? "—", entry.action]
        if let type = entry.recordType, let id = entry.recordID {
            parts.append("\(type) …\(id.uuidString.suffix(8).lowercased())")
        }
        if let detail = entry.detail { parts.append(detail) }
        return parts.joined(separator: "  ")
    }
}
