import Foundation
import VaxCore

/// What the sign-in screen asks for.
public enum SignInEffect: DeskEffect {
    case loadStaff
    /// Checks a staff member's PIN (never logged: effects are logged by name only).
    case signIn(code: String, pin: String)

    public enum Answer: Sendable {
        case staffLoaded([Staff])
        /// The PIN was right: this staff member is signed in at the desk.
        case signedIn(Staff)
        case refused(SignInRefusal)
    }

    /// A sign-in records the attempt (and counts wrong PINs): the desk waits for it.
    public var isWrite: Bool {
        switch self {
        case .signIn: true
        case .loadStaff: false
        }
    }

    public func perform(on client: DeskClient) throws -> Answer {
        switch self {
        case .loadStaff: return .staffLoaded(try client.signIn.staff())
        case .signIn(let code, let pin):
            do {
                return .signedIn(try client.signIn.signIn(code, pin))
            } catch let refusal as SignInRefusal {
                return .refused(refusal)
            }
        }
    }
}
