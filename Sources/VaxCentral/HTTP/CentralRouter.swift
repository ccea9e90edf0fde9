import Foundation
import Hummingbird
import VaxCore

/// The centre's HTTP interface:
/// - `GET /health` and `GET /fhir/metadata` (the CapabilityStatement), open to all;
/// - behind a site's token (`SiteAuthenticator`): `POST /fhir`, a `batch` Bundle (each entry answered on
///   its own) or a `transaction` (all or nothing); `GET /fhir/{Patient|Immunization|AdverseEvent|Basic}`
///   searches and `GET /fhir/{type}/{id}` (`FHIRController`); `GET /reports/{doses|vaccine-use|
///   adverse-events}` (`ReportsController`).
/// A route added to the authenticated group cannot forget to authenticate: the middleware runs first
/// and puts the site into the request's context.
public enum CentralService {
    public static let maximumBundleBytes = 64 << 20

    public static func buildRouter(store: any CentralStorage, limiter: RateLimiter) -> Router<CentralRequestContext> {
        let router = Router(context: CentralRequestContext.self)
        router.get("health") { _, _ in
            CentralResponse.json(.ok, Data(#"{"status":"ok"}"#.utf8), type: "application/json")
        }
        router.get("fhir/metadata") { _, _ in
            CentralResponse.json(.ok, CapabilityStatement.json(at: Date()))
        }
        let authenticated = router.group().add(middleware: SiteAuthenticator(store: store, limiter: limiter))
        FHIRController(store: store).addRoutes(to: authenticated.group("fhir"))
        ReportsController(store: store).addRoutes(to: authenticated.group("reports"))
        return router
    }
}

/// A request to the centre, with the site its token names once `SiteAuthenticator` has checked it.
public struct CentralRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var site: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        site = nil
    }

    /// The authenticated site; a route behind the authenticator always has one.
    func requireSite() throws -> String {
        guard let site else { throw HTTPError(.unauthorized) }
        return site
    }
}

/// Every route behind it needs a valid site token (`Authorization: Bearer <site id>.<secret>`) and is
/// held to the site's rate; the site goes into the context for the route.
struct SiteAuthenticator: RouterMiddleware {
    typealias Context = CentralRequestContext
    let store: any CentralStorage
    let limiter: RateLimiter

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let site = try await store.site(forToken: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        else {
            return CentralResponse.outcome(.unauthorized, code: "login", "a valid site token is needed (Authorization: Bearer …)")
        }
        if let wait = limiter.take(site) {
            var response = CentralResponse.outcome(.tooManyRequests, code: "throttled", "too many requests from this site: wait and try again")
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        var context = context
        context.site = site
        return try await next(request, context)
    }
}

/// The centre's answers: JSON, and OperationOutcomes in plain words for what went wrong.
enum CentralResponse {
    static func json(_ status: HTTPResponse.Status, _ data: Data, type: String = "application/fhir+json") -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func outcome(_ status: HTTPResponse.Status, code: String, _ message: String) -> Response {
        let outcome = FHIRResource.operationOutcome(FHIROperationOutcome(code: code, diagnostics: message))
        return json(status, (try? FHIRResource.encoder().encode(outcome)) ?? Data())
    }
}
