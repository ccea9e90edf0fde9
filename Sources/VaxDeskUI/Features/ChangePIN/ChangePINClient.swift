import Foundation
import VaxCore

/// A staff member's own PIN.
public struct ChangePINClient: Sendable {
    /// Checks the present PIN (as a sign-in: a wrong one counts towards the lock) and sets the new one.
    /// Throws `SignInRefusal` for the present PIN.
    public var change: @Sendable (_ code: String, _ current: String, _ new: String) throws -> Void

    static let unimplemented = ChangePINClient(change: DeskClient.unset("changePIN.change"))
}
