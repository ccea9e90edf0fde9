import Foundation
import VaxCore

/// The site's staff and their PINs.
public struct SignInClient: Sendable {
    public var staff: @Sendable () throws -> [Staff]
    /// Checks a PIN; throws `SignInRefusal` when it is wrong or the person is locked out.
    public var signIn: @Sendable (_ code: String, _ pin: String) throws -> Staff

    static let unimplemented = SignInClient(staff: DeskClient.unset("signIn.staff"), signIn: DeskClient.unset("signIn.signIn"))
}
