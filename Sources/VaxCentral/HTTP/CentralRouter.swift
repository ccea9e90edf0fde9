import Foundation
import Hummingbird
import VaxCore

/// The centre's HTTP interface:
/// - `GET /health` and `GET /fhir/metadata` (the CapabilityStatement), open to all;
/// - behind a token (`Authenticator`), a site's or an officer's: `POST /fhir` (sites only), a `batch`
///   Bundle (each entry answered on its own) or a `transaction` (all or nothing);
///   `GET /fhir/{Patient|Immunization|AdverseEvent|Basic}` searches and `GET /fhir/{type}/{id}`, of
///   what the principal may see; `GET /fhir/Patient/$lookup?identifier=` (`FHIRController`);
///   `GET /reports/{doses|vaccine-use|adverse-events}` (`ReportsController`); `GET /audit-heads`, the
///   heads of a site's audit chain that came with its Bundles (`AuditHeadsController`); `GET /proposals`
///   and `POST /proposals/{seq}/accept|reject`, an officer's review of other sites' changes to people
///   (`ProposalsController`); `POST /signing/certificate`, a site's document signer (`SigningController`);
///   `GET /pull`, a site's catchment as it changed since its last pull (`PullController`);
///   `GET /persons/duplicates`, `POST /persons/merge` and `/distinct`, an officer's one person nationally
///   (`PersonsController`); `POST /registrations`, `GET /registrations`, people registered ahead of a
///   site's sessions (`RegistrationsController`);
/// - open to all, signed by the signing authority: `GET /trust-list` and `GET /revocations`.
/// A route added to the authenticated group cannot forget to authenticate: the middleware runs first
/// and puts the principal into the request's context. Every read of personal data is logged.
public enum CentralService {
    /// `vaccineCodes`: the product codes of the centre's catalog, which every Immunization's must be
    /// (nil: not checked).
    /// `signing`: the signing authority, with its key, once loaded; without, the signing routes say it
    /// is not set up.
    /// `registrations`: what registrations are checked against (nil: the centre takes none).
    /// `reports`: what the province's reports and dashboard are read with (nil: only the first three
    /// aggregates).
    public static func buildRouter(store: any CentralStorage, limiter: RateLimiter, vaccineCodes: Set<String>? = nil,
                                   signing: SigningHolder = SigningHolder(), registrations: RegistrationRules? = nil,
                                   reports: ReportSettings? = nil)
        -> Router<CentralRequestContext>
    {
        let router = Router(context: CentralRequestContext.self)
        router.get("health") { _, _ in
            CentralResponse.json(.ok, Data(#"{"status":"ok"}"#.utf8), type: "application/json")
        }
        router.get("fhir/metadata") { _, _ in
            CentralResponse.json(.ok, CapabilityStatement.json(at: Date()))
        }
        let signingRoutes = SigningController(store: store, holder: signing)
        signingRoutes.addOpenRoutes(to: router)
        // The dashboard signs officers in itself (a browser sends a cookie, not a bearer token).
        if let reports { DashboardController(store: store, settings: reports).addRoutes(to: router) }
        let authenticated = router.group().add(middleware: Authenticator(store: store, limiter: limiter))
        signingRoutes.addSiteRoutes(to: authenticated.group("signing"))
        PullController(store: store).addRoutes(to: authenticated.group("pull"))
        FHIRController(store: store, vaccineCodes: vaccineCodes, inFlight: SitesInFlight()).addRoutes(to: authenticated.group("fhir"))
        ReportsController(store: store, settings: reports).addRoutes(to: authenticated.group("reports"))
        AuditHeadsController(store: store).addRoutes(to: authenticated.group("audit-heads"))
        ProposalsController(store: store).addRoutes(to: authenticated.group("proposals"))
        PersonsController(store: store).addRoutes(to: authenticated.group("persons"))
        RegistrationsController(store: store, rules: registrations).addRoutes(to: authenticated.group("registrations"))
        return router
    }
}

/// A request to the centre, with the principal its token names once `Authenticator` has checked it.
public struct CentralRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var principal: Principal?

    public init(source: Source) {
        coreContext = .init(source: source)
        principal = nil
    }

    /// The authenticated principal; a route behind the authenticator always has one.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw HTTPError(.unauthorized) }
        return principal
    }

    /// The authenticated site, for a route that writes: an officer's account reads only.
    func requireSite() throws -> String {
        guard case .site(let id, _) = try requirePrincipal() else {
            throw HTTPError(.forbidden, message: "an officer's account reads; only a site sends records")
        }
        return id
    }
}

/// Every route behind it needs a valid token (`Authorization: Bearer <id>.<secret>`) of a site or an
/// officer, not revoked, and is held to that principal's rate; the principal goes into the context.
struct Authenticator: RouterMiddleware {
    typealias Context = CentralRequestContext
    let store: any CentralStorage
    let limiter: RateLimiter

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let principal = try await store.principal(forToken: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        else {
            return CentralResponse.outcome(.unauthorized, code: "login", "a valid token is needed (Authorization: Bearer …)")
        }
        if let wait = limiter.take(principal.logName) {
            var response = CentralResponse.outcome(.tooManyRequests, code: "throttled", "too many requests: wait and try again")
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        var context = context
        context.principal = principal
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .forbidden {
            return CentralResponse.outcome(.forbidden, code: "forbidden", error.body ?? "not allowed")
        }
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
