import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A proxy between the pusher and the centre, on loopback, that spoils requests on purpose, one fault
/// per request in the order given (then it passes everything through).
final class FaultProxy: @unchecked Sendable {
    enum Fault: Sendable, Hashable {
        /// Forwarded, the centre's answer returned.
        case pass
        /// Answered with this status without reaching the centre.
        case status(Int, retryAfter: Int?)
        /// Forwarded (the centre stores it), then answered 500: the client believes it failed.
        case commitThen500
        /// Forwarded (the centre stores it), then no answer for this long: the client times out.
        case commitThenHang(TimeInterval)
        /// Forwarded twice; the second answer returned.
        case duplicate
        /// An earlier request forwarded again first (arriving out of order), then this one.
        case replayEarlier
        /// Answered 307 to `location` (a hijacked proxy pointing the Bundle and its token elsewhere).
        case redirect(to: String)
    }

    private let faults: Mutex<[Fault]>
    private let earlier = Mutex<[ByteBuffer]>([])
    private let served = Mutex<[Fault]>([])
    private(set) var port = 0
    private var task: Task<Void, Error>?

    init(faults: [Fault]) {
        self.faults = Mutex(faults)
    }

    /// Every fault applied so far, in order.
    var applied: [Fault] { served.withLock { $0 } }

    private func nextFault() -> Fault {
        let fault = faults.withLock { $0.isEmpty ? Fault.pass : $0.removeFirst() }
        served.withLock { $0.append(fault) }
        return fault
    }

    /// Starts listening on a free port, forwarding to `upstream` (the centre's base URL).
    func start(upstream: String) async throws {
        let router = Router()
        router.post("fhir") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 64 << 20)
            let authorization = request.headers[.authorization] ?? ""
            @Sendable func forward(_ buffer: ByteBuffer) async throws -> Response {
                var outgoing = HTTPClientRequest(url: upstream + "/fhir")
                outgoing.method = .POST
                outgoing.headers.add(name: "Authorization", value: authorization)
                outgoing.headers.add(name: "Content-Type", value: "application/fhir+json")
                outgoing.body = .bytes(buffer)
                let response = try await HTTPClient.shared.execute(outgoing, timeout: .seconds(60))
                let data = try await response.body.collect(upTo: 64 << 20)
                return Response(status: .init(code: Int(response.status.code)), headers: [.contentType: "application/fhir+json"],
                                body: .init(byteBuffer: data))
            }
            let fault = self.nextFault()
            defer { self.earlier.withLock { $0.append(body) } }
            switch fault {
            case .pass:
                return try await forward(body)
            case .status(let code, let retryAfter):
                var response = Response(status: .init(code: code))
                if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
                return response
            case .commitThen500:
                _ = try await forward(body)
                return Response(status: .internalServerError)
            case .commitThenHang(let seconds):
                _ = try await forward(body)
                try await Task.sleep(for: .seconds(seconds))
                return Response(status: .gatewayTimeout)
            case .duplicate:
                _ = try await forward(body)
                return try await forward(body)
            case .replayEarlier:
                if let old = self.earlier.withLock({ $0.first }) { _ = try await forward(old) }
                return try await forward(body)
            case .redirect(let location):
                return Response(status: .temporaryRedirect, headers: [.location: location])
            }
        }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        task = Task { try await app.runService() }
        for await found in stream {
            port = found
            break
        }
    }

    func stop() {
        task?.cancel()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
}
