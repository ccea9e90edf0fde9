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

    public init() {}

    public var rowsRead: Int { imported + updated + unchanged + duplicates + rejected }
}
