import Foundation
import Hummingbird
import VaxCore

/// The FHIR interface of a site: `POST /fhir` (a batch or a transaction Bundle), searches by type and
/// reads by id. The site is the authenticated one of the request's context.
struct FHIRController {
    let store: any CentralStorage

    static let searchableTypes: Set = ["Patient", "Immunization", "AdverseEvent", "Basic"]

    func addRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.post { request, context in
            let site = try context.requireSite()
            var request = request
            let body = try await request.collectBody(upTo: CentralService.maximumBundleBytes)
            return try await ingest(Data(body.readableBytesView), site: site)
        }
        group.get(":type") { request, context in
            try await search(request, type: context.parameters.get("type") ?? "")
        }
        group.get(":type/:id") { _, context in
            let type = context.parameters.get("type") ?? "", id = context.parameters.get("id") ?? ""
            guard let stored = try await store.resource(type: type, id: id) else {
                return CentralResponse.outcome(.notFound, code: "not-found", "\(type)/\(id) is not here")
            }
            return CentralResponse.json(.ok, Data(stored.utf8))
        }
    }

    private func search(_ request: Request, type: String) async throws -> Response {
        guard Self.searchableTypes.contains(type) else {
            return CentralResponse.outcome(.notFound, code: "not-supported", "no resource type \(type) here")
        }
        let query = request.uri.queryParameters
        var search = ResourceSearch(type: type)
        search.identifier = query["identifier"].map { String($0).removingPercentEncoding ?? String($0) }
        search.patient = (query["patient"] ?? query["subject"]).map { String($0).removingPercentEncoding ?? String($0) }
        let countOnly = query["_summary"] == "count"
        if countOnly {
            search.limit = 0
        } else if let count = query["_count"].flatMap({ Int(String($0)) }) {
            search.limit = min(max(count, 0), 1000)
        }
        let (total, resources) = try await store.search(search)
        // The stored JSON goes out as it is, inside the searchset.
        let entries = resources.map { #"{"resource":\#($0),"search":{"mode":"match"}}"# }.joined(separator: ",")
        var text = #"{"resourceType":"Bundle","type":"searchset","total":\#(total)"#
        if !countOnly { text += #","entry":[\#(entries)]"# }
        text += "}"
        return CentralResponse.json(.ok, Data(text.utf8))
    }

    private func ingest(_ body: Data, site: String) async throws -> Response {
        let bundle: FHIRBundle
        do {
            bundle = try JSONDecoder().decode(FHIRBundle.self, from: body)
        } catch {
            return CentralResponse.outcome(.badRequest, code: "structure", "not a FHIR Bundle this service reads: \(error)")
        }
        guard bundle.type == "batch" || bundle.type == "transaction" else {
            return CentralResponse.outcome(.badRequest, code: "invalid", "the Bundle must be a batch or a transaction, not \(bundle.type)")
        }
        let entries = bundle.entry ?? []
        let checked = entries.map(Ingest.check)
        let atomic = bundle.type == "transaction"
        let answers: [Result<HTTPResponse.Status, EntryRefusal>]
        do {
            answers = try await store.store(checked, siteID: site, atomic: atomic, at: Date())
        } catch let refusal as EntryRefusal {
            // A transaction stores nothing when any entry is refused.
            return CentralResponse.outcome(refusal.status == .forbidden ? .forbidden : .badRequest, code: "processing", refusal.message)
        }
        let responseEntries = zip(entries, answers).map { entry, answer -> FHIRBundle.Entry in
            switch answer {
            case .success(let status):
                return FHIRBundle.Entry(response: .init(status: Self.line(status), location: entry.request?.url))
            case .failure(let refusal):
                return FHIRBundle.Entry(response: .init(
                    status: Self.line(refusal.status),
                    outcome: .operationOutcome(FHIROperationOutcome(code: "processing", diagnostics: refusal.message))))
            }
        }
        let response = FHIRBundle(type: atomic ? "transaction-response" : "batch-response", entry: responseEntries)
        return CentralResponse.json(.ok, try FHIRResource.encoder().encode(response))
    }

    /// "201 Created": a Bundle entry's status as FHIR writes it.
    static func line(_ status: HTTPResponse.Status) -> String { "\(status.code) \(status.reasonPhrase)" }
}
