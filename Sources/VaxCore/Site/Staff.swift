import Foundation

/// A member of the site's staff.
public struct Staff: Hashable, Sendable, Identifiable {
    public var id: UUID
    /// The short code staff type to sign in (for example `DD01`).
    public var code: String
    public var fullName: String
    public var role: Role

    public init(id: UUID = .timeOrdered(), code: String, fullName: String, role: Role) {
        self.id = id
        self.code = code
        self.fullName = fullName
        self.role = role
    }
}
