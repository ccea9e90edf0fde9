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

