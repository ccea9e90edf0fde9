/// CSV as spreadsheets read it: fields quoted where needed, lines ended by CRLF, and a text that a
/// spreadsheet would take for a formula ("=…", "+…", "-…", "@…") kept as text.
public enum CSVText {
    public static func lines(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    public static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
