import Foundation
import Hummingbird
import Logging
import NIOCore
import VaxCore

/// The centre's HTTP interface:
/// - `POST /fhir`: a `batch` Bundle (each entry answered on its own) or a `transaction` (all or nothing);
/// - `GET /fhir/metadata`: the CapabilityStatement;
/// - `GET /fhir/{Patient|Immunization|AdverseEvent|Basic}?identifier=&patient=&_summary=count`, and
///   `GET /fhir/{type}/{id}`;
/// - `GET /reports/{doses|vaccine-use|adverse-events}`: JSON aggregates;
/// - `GET /health`.
/// Everything but health and metadata needs a site's token; a site writes only its own records.
public enum CentralService {
    public static let maximumBundleBytes = 64 << 20

    public static func router(store: any CentralStorage, limiter: RateLimiter) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("health") { _, _ in
            json(.ok, Data(#"{"status":"ok"}"#.utf8), type: "application/json")
        }
        router.get("fhir/metadata") { _, _ in
            json(.ok, CapabilityStatement.json(at: Date()))
        }
        router.post("fhir") { request, _ in
            let site: String
            switch try await authorize(request, store: store, limiter: limiter) {
            case .success(let id): site = id
            case .failure(let refusal): return refusal.response
            }
            var request = request
            let body = try await request.collectBody(upTo: maximumBundleBytes)
            return try await ingest(Data(body.readableBytesView), site: site, store: store)
        }
        router.get("fhir/:type") { request, context in
            if case .failure(let refusal) = try await authorize(request, store: store, limiter: limiter) { return refusal.response }
            let type = context.parameters.get("type") ?? ""
            guard ["Patient", "Immunization", "AdverseEvent", "Basic"].contains(type) else {
                return outcome(.notFound, code: "not-supported", "no resource type \(type) here")
            }
            let query = request.uri.queryParameters
            var search = ResourceSearch(type: type)
            search.identifier = query["identifier"].map { String($0).removingPercentEncoding ?? String($0) }
            search.patient = (query["patient"] ?? query["subject"]).map { String($0).removingPercentEncoding ?? String($0) }
            let countOnly = query["_summary"] == "count"
            if countOnly { search.limit = 0 } else if let count = query["_count"].flatMap({ Int(String($0)) }) { search.limit = min(max(count, 0), 1000) }
            let (total, resources) = try await store.search(search)
            // The stored JSON goes out as it is, inside the searchset.
            let entries = resources.map { #"{"resource":\#($0),"search":{"mode":"match"}}"# }.joined(separator: ",")
            var text = #"{"resourceType":"Bundle","type":"searchset","total":\#(total)"#
            if !countOnly { text += #","entry":[\#(entries)]"# }
            text += "}"
            return json(.ok, Data(text.utf8))
        }
        router.get("fhir/:type/:id") { request, context in
            if case .failure(let refusal) = try await authorize(request, store: store, limiter: limiter) { return refusal.response }
            let type = context.parameters.get("type") ?? "", id = context.parameters.get("id") ?? ""
            guard let stored = try await store.resource(type: type, id: id) else {
                return outcome(.notFound, code: "not-found", "\(type)/\(id) is not here")
            }
            return json(.ok, Data(stored.utf8))
        }
        router.get("reports/:name") { request, context in
            if case .failure(let refusal) = try await authorize(request, store: store, limiter: limiter) { return refusal.response }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            switch context.parameters.get("name") {
            case "doses": return json(.ok, try encoder.encode(try await store.dosesReport()), type: "application/json")
            case "vaccine-use": return json(.ok, try encoder.encode(try await store.vaccineUseReport()), type: "application/json")
            case "adverse-events":
                return json(.ok, try encoder.encode(try await store.adverseEventsReport()), type: "application/json")
            default: return outcome(.notFound, code: "not-found", "reports: doses, vaccine-use, adverse-events")
            }
        }
        return router
    }

    /// A refused request's answer.
    struct Refusal: Error {
        var response: Response
    }

    /// The site of the request's token, within its rate.
    static func authorize(_ request: Request, store: any CentralStorage, limiter: RateLimiter) async throws -> Result<String, Refusal> {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let site = try await store.site(forToken: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        else {
            return .failure(Refusal(response: outcome(.unauthorized, code: "login", "a valid site token is needed (Authorization: Bearer …)")))
        }
        if let wait = limiter.take(site) {
            var response = outcome(.tooManyRequests, code: "throttled", "too many requests from this site: wait and try again")
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return .failure(Refusal(response: response))
        }
        return .success(site)
    }

    static func ingest(_ body: Data, site: String, store: any CentralStorage) async throws -> Response {
        let bundle: FHIRBundle
        do {
            bundle = try JSONDecoder().decode(FHIRBundle.self, from: body)
        } catch {
            return outcome(.badRequest, code: "structure", "not a FHIR Bundle this service reads: \(error)")
        }
        guard bundle.type == "batch" || bundle.type == "transaction" else {
            return outcome(.badRequest, code: "invalid", "the Bundle must be a batch or a transaction, not \(bundle.type)")
        }
        let entries = bundle.entry ?? []
        let checked = entries.map(Ingest.check)
        let atomic = bundle.type == "transaction"
        let answers: [Result<String, EntryRefusal>]
        do {
            answers = try await store.store(checked, siteID: site, atomic: atomic, at: Date())
        } catch let refusal as EntryRefusal {
            // A transaction stores nothing when any entry is refused.
            let status: HTTPResponse.Status = refusal.status.hasPrefix("403") ? .forbidden : .badRequest
            return outcome(status, code: "processing", refusal.message)
        }
        let responseEntries = zip(entries, answers).map { entry, answer -> FHIRBundle.Entry in
            switch answer {
            case .success(let status):
                return FHIRBundle.Entry(response: .init(status: status, location: entry.request?.url))
            case .failure(let refusal):
                return FHIRBundle.Entry(response: .init(
                    status: refusal.status,
                    outcome: .operationOutcome(FHIROperationOutcome(code: "processing", diagnostics: refusal.message))))
            }
        }
        let response = FHIRBundle(type: atomic ? "transaction-response" : "batch-response", entry: responseEntries)
        return json(.ok, try FHIRResource.encoder().encode(response))
    }

    static func json(_ status: HTTPResponse.Status, _ data: Data, type: String = "application/fhir+json") -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func outcome(_ status: HTTPResponse.Status, code: String, _ message: String) -> Response {
        let outcome = FHIRResource.operationOutcome(FHIROperationOutcome(code: code, diagnostics: message))
        return json(status, (try? FHIRResource.encoder().encode(outcome)) ?? Data())
    }
}
