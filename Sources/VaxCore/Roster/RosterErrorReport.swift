/// The rows a roster import refused, for the person who prepared the list to fix: row number, column,
/// value and reason, in Vietnamese and English.
public struct RosterErrorReport: Sendable {
    public private(set) var lines: [(line: Int, problem: RosterProblem)] = []

    public init() {}

    public mutating func add(line: Int, _ problems: [RosterProblem]) {
        lines += problems.map { (line, $0) }
    }

    public var rowCount: Int { Set(lines.map(\.line)).count }

    /// CSV with a header row, quoted where needed.
    public func csv(vietnamese: Strings, english: Strings) -> String {
        var text = "Dòng/Row,Cột/Column,Giá trị/Value,Lý do,Reason\r\n"
        for (line, problem) in lines {
            let fields = [String(line), problem.column, problem.value, vietnamese[problem.reason.rawValue],
                          english[problem.reason.rawValue]]
            text += fields.map(Self.quoted).joined(separator: ",") + "\r\n"
        }
        return text
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { ",\"\r\n".contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
