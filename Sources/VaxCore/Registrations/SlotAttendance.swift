import Foundation

/// How many people registered for a slot of the session's day, and how many of them have come.
public struct SlotAttendance: Hashable, Sendable {
    public var slot: String
    public var registered: Int
    public var arrived: Int

    public init(slot: String, registered: Int, arrived: Int) {
        self.slot = slot
        self.registered = registered
        self.arrived = arrived
    }
}

/// A person registered for the session's day who did not come.
public struct NoShow: Hashable, Sendable {
    public var person: Person
    public var slot: String

    public init(person: Person, slot: String) {
        self.person = person
        self.slot = slot
    }
}
