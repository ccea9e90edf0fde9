/// One person of a roster with the doses their record already shows.
public struct RosterEntry: Hashable, Sendable {
    public var person: Person
    public var priorDoses: [PriorDose]

    public init(person: Person, priorDoses: [PriorDose] = []) {
        self.person = person
        self.priorDoses = priorDoses
    }
}
