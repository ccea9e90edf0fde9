import Foundation
import VaxCore

/// What the change-PIN screen asks for.
public enum ChangePINEffect: DeskEffect {
    /// Never logged with its PINs: effects are logged by name only.
    case change(code: String, current: String, new: String)

    public enum Answer: Sendable {
        case changed
        /// The present PIN was wrong (or the account is locked): nothing changed.
        case refused(SignInRefusal)
    }

    public var isWrite: Bool { true }

    public func perform(on client: DeskClient) throws -> Answer {
        switch self {
        case .change(let code, let current, let new):
            do {
                try client.changePIN.change(code, current, new)
                return .changed
            } catch let refusal as SignInRefusal {
                return .refused(refusal)
            }
        }
    }
}
