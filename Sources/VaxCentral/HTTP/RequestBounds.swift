import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// What one request may cost the centre, so that one site (or anyone with a socket) cannot take the
/// memory, the write lock or the connections that every other site needs:
/// - a Bundle's body is at most `maximumBundleBytes`, refused before it is read when its
///   `Content-Length` says more, and cut off when it grows past that otherwise (no body is held whole
///   beyond the cap);
/// - a Bundle holds at most `maximumBundleEntries` entries (a site's pusher sends 500): stored in one
///   write transaction, so that the lock is held for tens of milliseconds, not seconds;
/// - a body must arrive within `bodyDeadline`; a connection that sends no complete request head within
///   the server's idle timeout is closed (`serve --idle-timeout`);
/// - one Bundle per site at a time (`SitesInFlight`): a second one, sent alongside, is answered 429.
public enum RequestBounds {
    public static let maximumBundleBytes = 16 << 20
    public static let maximumBundleEntries = 1000
    public static let bodyDeadline: Duration = .seconds(120)
    public static let defaultIdleTimeout: Double = 15

    /// A Bundle's body, or the answer that refuses it (too large, too slow).
    static func collectBundle(_ request: Request) async throws -> Result<ByteBuffer, RefusedRequest> {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maximumBundleBytes {
            return .failure(.tooLarge(bytes: length))
        }
        let body = request.body
        do {
            let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask { try await body.collect(upTo: maximumBundleBytes) }
                group.addTask {
                    try await Task.sleep(for: bodyDeadline)
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
            guard let buffer else { return .failure(.tooSlow) }
            return .success(buffer)
        } catch is NIOTooManyBytesError {
            return .failure(.tooLarge(bytes: nil))
        }
    }

    /// Why a request was not taken, and the answer a site's operator reads.
    enum RefusedRequest: Error {
        case tooLarge(bytes: Int?)
        case tooSlow
        case tooManyEntries(Int)
        case siteBusy

        var response: Response {
            switch self {
            case .tooLarge(let bytes):
                return CentralResponse.outcome(
                    .contentTooLarge, code: "too-costly",
                    "a Bundle is at most \(maximumBundleBytes >> 20) MB" + (bytes.map { " (this one \($0 >> 20) MB)" } ?? "")
                        + ": send the records in smaller Bundles")
            case .tooSlow:
                return CentralResponse.outcome(
                    .requestTimeout, code: "timeout",
                    "the Bundle did not arrive within \(bodyDeadline.components.seconds) seconds: send it again, or in smaller parts")
            case .tooManyEntries(let count):
                return CentralResponse.outcome(
                    .contentTooLarge, code: "too-costly",
                    "a Bundle holds at most \(maximumBundleEntries) entries (this one \(count)): send the records in smaller Bundles")
            case .siteBusy:
                var response = CentralResponse.outcome(
                    .tooManyRequests, code: "throttled",
                    "this site already has a Bundle being stored: one at a time, send this one when that one is answered")
                response.headers[.retryAfter] = "1"
                return response
            }
        }
    }
}

/// The sites with a Bundle being received or stored now: one at a time each, so that a site pushing
/// from several machines at once (or a replaying attacker with its token) holds one connection's worth
/// of the centre, never all of it.
final class SitesInFlight: Sendable {
    private let sites = Mutex<Set<String>>([])

    /// Runs `body` as `site`'s one Bundle in flight, or answers nil at once when it already has one.
    func exclusively(_ site: String, _ body: () async throws -> Response) async throws -> Response? {
        guard sites.withLock({ $0.insert(site).inserted }) else { return nil }
        defer { _ = sites.withLock { $0.remove(site) } }
        return try await body()
    }
}
