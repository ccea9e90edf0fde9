/// A person found by a roster search, with what the check-in nurse needs to pick the right one.
public struct RosterMatch: Hashable, Sendable, Identifiable {
    public var person: Person
    /// Doses on record: prior doses plus those given at this site.
    public var dosesOnRecord: Int
    /// The ticket, when the person has already checked in to the open session.
    public var ticketToday: Int?
    /// The time slot the person registered for, for the open session's day.
    public var slotToday: String?

    public var id: Person.ID { person.id }

    public init(person: Person, dosesOnRecord: Int, ticketToday: Int? = nil, slotToday: String? = nil) {
        self.person = person
        self.dosesOnRecord = dosesOnRecord
        self.ticketToday = ticketToday
        self.slotToday = slotToday
    }
}
