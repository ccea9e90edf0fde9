import Foundation

/// One audit row as a line of text, for the command line and the site lead's screen, in the reader's
/// language: `412  27/11 09:14:03  DD01  Tiếp đón  Nguyễn Văn Đức  detail`. A record about nobody (a
/// vial, a session) is named by its kind and the end of its id.
public enum AuditLine {
    public static func text(_ entry: AuditEntry, timeZone: TimeZone, strings: Strings) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.day, .month, .hour, .minute, .second], from: entry.at)
        let time = String(format: "%02d/%02d %02d:%02d:%02d", c.day!, c.month!, c.hour!, c.minute!, c.second!)
        var parts = [String(entry.seq), time, entry.staffCode ?? "—", strings.optional("audit.action.\(entry.action)") ?? entry.action]
        if let name = entry.personName {
            parts.append(name)
        } else if let type = entry.recordType, let id = entry.recordID {
            parts.append((strings.optional("audit.record.\(type)") ?? type) + " …" + id.uuidString.suffix(8).lowercased())
        }
        if let detail = entry.detail { parts.append(detail) }
        return parts.joined(separator: "  ")
    }
}
