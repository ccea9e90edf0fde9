import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TestSupport
import VaxCentral
import VaxCore
#if canImport(Glibc)
import Glibc
#endif

/// What one request may cost the real `vaxdesk-central`: bodies and Bundles capped before they fill its
/// memory, half-open connections cut off, one Bundle per site at a time.
@Suite("The centre bounds what one request may cost", .serialized)
struct CentralBoundsTests {
    /// A centre with two sites, its connections cut after `idleTimeout` seconds without a read.
    struct Centre {
        let directory = TemporaryDirectory("central-bounds")
        let central: CentralServer
        let tokenB: String

        init(idleTimeout: Int = 1) throws {
            central = try CentralServer(in: directory, site: "site-A")
            tokenB = try central.addSite("site-B")
            try central.start(options: ["--idle-timeout", "\(idleTimeout)"])
        }

        var url: String { central.baseURL + "/fhir" }
    }

    static func bundle(people: Int) throws -> Data {
        let entries = (0..<people).map { n in
            FHIRBundle.Entry.put(.patient(SyncTests.mapping().patient(Person(
                fullName: "Nguyễn Văn Số \(n)", birthDate: BirthDate(year: 1980, month: 1, day: 1)!, sex: .male,
                identityNumber: nil, phone: nil, address: nil))))
        }
        return try FHIRResource.encoder().encode(FHIRBundle(type: "batch", entry: entries))
    }

    @Test("a 64 MB body is refused, announced or streamed, and the centre's memory stays small")
    func largeBodies() async throws {
        let centre = try Centre()
        let large = Data(repeating: UInt8(ascii: " "), count: 64 << 20)
        let announced = try await SyncTests.post(centre.url, token: centre.central.token, body: large)
        #expect(announced.status == 413, "\(announced)")
        #expect(announced.body.contains("at most 16 MB"), "\(announced.body)")

        // Streamed without a length: read up to the cap, then refused (or the connection cut mid-way).
        var request = HTTPClientRequest(url: centre.url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(centre.central.token)")
        let chunk = ByteBuffer(repeating: UInt8(ascii: " "), count: 1 << 20)
        let chunks = AsyncStream<ByteBuffer> { continuation in
            for _ in 0..<64 { continuation.yield(chunk) }
            continuation.finish()
        }
        request.body = .stream(chunks, length: .unknown)
        let streamed = try? await HTTPClient.shared.execute(request, timeout: .seconds(60))
        #expect(streamed == nil || streamed?.status.code == 413, "\(String(describing: streamed?.status))")

        let peak = try #require(centre.central.peakResidentMB)
        #expect(peak < 300, "the centre held \(peak) MB")
        #expect(try await SyncTests.get(centre.central.baseURL + "/health", token: nil).status == 200, "still serving")
    }

    @Test("a Bundle of more than 1,000 entries is refused in words; 1,000 are stored")
    func tooManyEntries() async throws {
        let centre = try Centre()
        let refused = try await SyncTests.post(centre.url, token: centre.central.token, body: try Self.bundle(people: 1001))
        #expect(refused.status == 413)
        #expect(refused.body.contains("at most 1000 entries (this one 1001)"), "\(refused.body)")
        let stored = try await SyncTests.post(centre.url, token: centre.central.token, body: try Self.bundle(people: 1000))
        #expect(stored.status == 200 && !stored.body.contains("\"4"), "\(stored.status)")
        #expect(try await SyncTests.count(centre.central, "Patient") == 1000)
    }

    @Test("a connection that never finishes its request head is closed after the idle timeout")
    func halfOpenConnection() throws {
        let centre = try Centre()
        let socket = try LoopbackSocket(port: centre.central.port, receiveTimeout: 20)
        socket.send("POST /fhir HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bear")
        let started = Date()
        #expect(socket.receive() == .closed, "the centre closed the connection")
        #expect(Date().timeIntervalSince(started) < 15, "cut off by the idle timeout, not by the test's own")
    }

    @Test("a site with a Bundle in flight is answered 429 for a second one; another site is not held up")
    func oneBundlePerSite() async throws {
        // The held request sends nothing more: a short idle timeout would close it (and free the site)
        // before a busy machine has sent the second one.
        let centre = try Centre(idleTimeout: 60)
        // Site A's Bundle: the head and a first part of the body, the rest held back.
        func holdABundle() throws -> LoopbackSocket {
            let held = try LoopbackSocket(port: centre.central.port, receiveTimeout: 20)
            held.send("POST /fhir HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(centre.central.token)\r\n"
                      + "Content-Type: application/fhir+json\r\nContent-Length: 1000\r\n\r\n{\"resourceType\":")
            return held
        }
        var held = try holdABundle()
        let small = try Self.bundle(people: 1)
        var second = try await SyncTests.post(centre.url, token: centre.central.token, body: small)
        for _ in 0..<50 where second.status == 200 {
            // The second may have overtaken the held one, which was then answered 429 itself: hold
            // another. Otherwise the held one has not reached the handler yet: wait for it.
            if held.hasAnswer { held = try holdABundle() }
            try await Task.sleep(for: .milliseconds(100))
            second = try await SyncTests.post(centre.url, token: centre.central.token, body: small)
        }
        #expect(second.status == 429, "\(second)")
        #expect(second.body.contains("one at a time"), "\(second.body)")
        let other = try await SyncTests.post(centre.url, token: centre.tokenB, body: small)
        #expect(other.status == 200, "\(other)")
        held.close()
        // Once the held one is gone, site A sends again.
        var again = try await SyncTests.post(centre.url, token: centre.central.token, body: small)
        for _ in 0..<50 where again.status == 429 {
            try await Task.sleep(for: .milliseconds(100))
            again = try await SyncTests.post(centre.url, token: centre.central.token, body: small)
        }
        #expect(again.status == 200, "\(again)")
    }
}

/// A plain TCP connection to loopback, to speak HTTP the way a slow or hostile client does.
final class LoopbackSocket {
    enum Received: Equatable { case bytes(Int), closed, timedOut }
    private let descriptor: Int32
    private var open = true

    init(port: Int, receiveTimeout seconds: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CocoaError(.fileReadUnknown) }
    }

    func send(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.send(descriptor, $0.baseAddress, $0.count - 1, 0) }
    }

    /// What the next read brought: bytes, the peer's close, or nothing within the timeout.
    func receive() -> Received {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? .bytes(count) : count == 0 ? .closed : .timedOut
    }

    /// Whether the peer has answered (or closed) by now, without waiting and without taking the bytes.
    var hasAnswer: Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK)) >= 0
    }

    func close() {
        if open { Glibc.close(descriptor) }
        open = false
    }

    deinit { close() }
}
