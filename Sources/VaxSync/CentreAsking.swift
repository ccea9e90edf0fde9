import Foundation
import VaxCore

extension HTTPTransport {
    /// Asks the centre who holds a whole CCCD or CMND, for a check-in desk: every way of not getting an
    /// answer (no network, a refusal, an answer that cannot be read) is an answer the nurse is told.
    public func askCentre(identifier: String) -> CentreLookupAnswer {
        do {
            let body = try lookUp(identifier: identifier)
            guard let lookup = try? CentreLookup(identifier: identifier, searchset: body) else { return .couldNotAsk(.unreadable) }
            return .answered(lookup)
        } catch let refused as Refused {
            return .couldNotAsk(.refused(status: refused.reply.status))
        } catch let redirect as RedirectRefused {
            return .couldNotAsk(.refused(status: redirect.status))
        } catch {
            return .couldNotAsk(.noAnswer)
        }
    }

    /// The same centre, waiting at most `seconds` for an answer: a desk with a person in front of it
    /// cannot wait as long as a push can.
    public func waiting(atMost seconds: TimeInterval) -> HTTPTransport {
        HTTPTransport(baseURL: url, token: token, timeout: seconds)
    }
}
