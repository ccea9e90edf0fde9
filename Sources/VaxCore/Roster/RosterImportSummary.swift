/// What a roster import did, row by row counted once.
public struct RosterImportSummary: Hashable, Sendable {
    /// New people added to the roster.
    public var imported = 0
    /// People already on the roster whose record the file completed or corrected.
    public var updated = 0
    /// People already on the roster, identical in the file: nothing to do.
    public var unchanged = 0
    /// Rows naming a person an earlier row of the same file already named (merged into that person).
    public var duplicates = 0
    /// Rows refused, each with its problems in the error report.
    public var rejected = 0
    /// The file's physical lines, header included (0: not from a file): beside the rows read, so that
    /// rows a file hides (an unclosed quote) cannot go unnoticed.
    public var physicalLines = 0
    /// Rows the store refused (an identity number that names someone else), for the error report.
    public var refusedRows: [RefusedRow] = []

    public init() {}

    public var rowsRead: Int { imported + updated + unchanged + duplicates + rejected }
}

/// A row refused, with why.
public struct RefusedRow: Hashable, Sendable {
    public let line: Int
    public let problems: [RosterProblem]

    public init(line: Int, problems: [RosterProblem]) {
        self.line = line
        self.problems = problems
    }
}
