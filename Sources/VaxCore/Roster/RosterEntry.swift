/// One person of a roster with the doses their record already shows.
public struct RosterEntry: Hashable, Sendable {
    public var person: Person
    public var priorDoses: [PriorDose]
    /// The row of the file it was read from (0: not from a file), for the error report.
    public var line: Int

    public init(person: Person, priorDoses: [PriorDose] = [], line: Int = 0) {
        self.person = person
        self.priorDoses = priorDoses
        self.line = line
    }
}
