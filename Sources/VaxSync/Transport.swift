import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import VaxCore

/// What the centre answered to a POST.
public struct HTTPReply: Sendable {
    public var status: Int
    /// Seconds the centre asks to wait (a 429 or 503's `Retry-After`).
    public var retryAfter: TimeInterval?
    public var body: Data

    public init(status: Int, retryAfter: TimeInterval? = nil, body: Data) {
        self.status = status
        self.retryAfter = retryAfter
        self.body = body
    }
}

/// Posts a FHIR Bundle to the centre, with the site's audit chain head beside it and how many records
/// wait to be sent (for the province's table of who is behind); reads back the heads the centre saw.
/// Throws when no answer came (no connection, a timeout).
public protocol FHIRTransport: Sendable {
    func post(_ bundle: Data, auditHead: AuditHead?, waiting: Int?) throws -> HTTPReply
    func seenAuditHeads() throws -> SeenAuditHead.List
}

/// The centre over HTTP(S), with the site's token.
public struct HTTPTransport: FHIRTransport {
    public let url: String
    let token: String
    let timeout: TimeInterval

    /// `baseURL`: the centre's FHIR base, e.g. `https://central.example/fhir`.
    public init(baseURL: String, token: String, timeout: TimeInterval = 30) {
        url = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.timeout = timeout
    }

    /// A client of its own that never follows a redirect: a 307 would send the whole Bundle, with the
    /// site's token, to wherever the answer points.
    /// Idle connections are let go after 10 seconds, before the centre's own idle timeout (15 s by
    /// default) closes them under a request.
    static let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(
            redirectConfiguration: .disallow, connectionPool: .init(idleTimeout: .seconds(10))))

    /// The centre answered with a redirect, which is not followed.
    public struct RedirectRefused: Error, CustomStringConvertible {
        public let status: Int
        public let location: String?
        public var description: String {
            "the centre answered HTTP \(status), a redirect to \(location ?? "another address"), which is not followed: "
                + "set --central to the address you trust"
        }
    }

    /// The header saying how many records the site has still to send, this Bundle's among them.
    public static let waitingHeader = "VaxDesk-Waiting"

    public func post(_ bundle: Data, auditHead: AuditHead?, waiting: Int?) throws -> HTTPReply {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/fhir+json")
        if let auditHead { headers.add(name: AuditHead.headerName, value: auditHead.header) }
        if let waiting { headers.add(name: Self.waitingHeader, value: String(waiting)) }
        return try send(.POST, url, headers: headers, body: bundle)
    }

    /// Where the centre's routes beside FHIR are: the FHIR base without its `/fhir`.
    private var root: String { url.hasSuffix("/fhir") ? String(url.dropLast(5)) : url }

    /// The centre's answer to `GET /audit-heads`, beside the FHIR base (`…/fhir` → `…/audit-heads`).
    public func seenAuditHeads() throws -> SeenAuditHead.List {
        let reply = try send(.GET, root + "/audit-heads", headers: HTTPHeaders(), body: nil)
        guard reply.status == 200 else { throw Refused(reply: reply) }
        guard let list = try? ISO8601JSON.decoder().decode(SeenAuditHead.List.self, from: reply.body) else {
            throw Refused(reply: reply)
        }
        return list
    }

    /// Sends the site's request for a document-signing certificate (PEM) to `POST /signing/certificate`,
    /// beside the FHIR base; the certificate the centre issued, PEM.
    public func requestSigningCertificate(_ requestPEM: String) throws -> String {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/pkcs10")
        let reply = try send(.POST, root + "/signing/certificate", headers: headers, body: Data(requestPEM.utf8))
        guard reply.status == 201, let pem = String(data: reply.body, encoding: .utf8), pem.contains("BEGIN CERTIFICATE") else {
            throw Refused(reply: reply)
        }
        return pem
    }

    /// One of the centre's signed lists (`GET /trust-list`, `GET /revocations`), beside the FHIR base.
    public func signedList(_ route: String) throws -> Data {
        let reply = try send(.GET, root + "/" + route, headers: HTTPHeaders(), body: nil)
        guard reply.status == 200 else { throw Refused(reply: reply) }
        return reply.body
    }

    /// One page of the site's catchment as it changed after `cursor` (`GET /pull`, beside the FHIR base).
    public func pull(after cursor: String, limit: Int) throws -> PullPage {
        let reply = try send(.GET, root + "/pull?after=\(cursor)&limit=\(limit)", headers: HTTPHeaders(), body: nil)
        guard reply.status == 200, let page = try? JSONDecoder().decode(PullPage.self, from: reply.body) else {
            throw Refused(reply: reply)
        }
        return page
    }

    /// The people the centre holds under one whole CCCD or CMND, with their doses at every site (`GET
    /// /fhir/Patient/$lookup`): the searchset Bundle.
    public func lookUp(identifier: String) throws -> Data {
        let value = identifier.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? identifier
        let reply = try send(.GET, url + "/Patient/$lookup?identifier=" + value, headers: HTTPHeaders(), body: nil)
        guard reply.status == 200 else { throw Refused(reply: reply) }
        return reply.body
    }

    /// The site's registrations from today to a week ahead (`GET /registrations`, beside the FHIR base).
    public func registrations() throws -> RegistrationList {
        let reply = try send(.GET, root + "/registrations", headers: HTTPHeaders(), body: nil)
        guard reply.status == 200, let list = try? JSONDecoder().decode(RegistrationList.self, from: reply.body) else {
            throw Refused(reply: reply)
        }
        return list
    }

    /// The centre answered, but not with what was asked for.
    public struct Refused: Error, CustomStringConvertible {
        public let reply: HTTPReply
        public var description: String { Pusher.describe(reply) }
    }

    private func send(_ method: HTTPMethod, _ url: String, headers: HTTPHeaders, body: Data?) throws -> HTTPReply {
        var headers = headers
        headers.add(name: "Accept", value: "application/fhir+json")
        headers.add(name: "Authorization", value: "Bearer \(token)")
        let request = try HTTPClient.Request(url: url, method: method, headers: headers, body: body.map { .data($0) })
        let response = try Self.client.execute(
            request: request, deadline: .now() + .milliseconds(Int64(timeout * 1000))
        ).wait()
        if (300..<400).contains(Int(response.status.code)) {
            throw RedirectRefused(status: Int(response.status.code), location: response.headers.first(name: "Location"))
        }
        let body = response.body.map { Data($0.readableBytesView) } ?? Data()
        let retryAfter = response.headers.first(name: "Retry-After").flatMap(TimeInterval.init)
        return HTTPReply(status: Int(response.status.code), retryAfter: retryAfter, body: body)
    }
}
