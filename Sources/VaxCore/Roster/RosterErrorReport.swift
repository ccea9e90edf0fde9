/// The rows a roster import refused, for the person who prepared the list to fix: row number, column,
/// value and reason, in Vietnamese and English.
public struct RosterErrorReport: Sendable {
    public private(set) var lines: [(line: Int, problem: RosterProblem)] = []

    public init() {}

    public mutating func add(line: Int, _ problems: [RosterProblem]) {
        lines += problems.map { (line, $0) }
    }

    public var rowCount: Int { Set(lines.map(\.line)).count }

    /// In the order of the file (rows the store refused come after the parser's otherwise).
    public mutating func sortByLine() {
        lines = lines.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }

    /// CSV with a header row, quoted where needed.
    public func csv(vietnamese: Strings, english: Strings) -> String {
        CSVText.lines([["Dòng/Row", "Cột/Column", "Giá trị/Value", "Lý do", "Reason"]] + lines.map { line, problem in
            [String(line), problem.column, problem.value, vietnamese.text(problem.reason.rawValue, problem.details),
             english.text(problem.reason.rawValue, problem.details)]
        })
    }
}
