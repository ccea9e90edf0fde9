import Foundation
import HTTPTypes
import Hummingbird
import VaxCore

/// The FHIR interface: `POST /fhir` (a site's batch or transaction Bundle), searches by type, reads by
/// id, each of what the principal may see, and the exact-identifier look-up of anyone's minimal dose
/// history. Every read is logged (`logAccess`) before it is answered.
struct FHIRController {
    let store: any CentralStorage
    let vaccineCodes: Set<String>?
    let inFlight: SitesInFlight

    static let searchableTypes: Set = ["Patient", "Immunization", "AdverseEvent", "Basic"]
    static let auditHeadField = HTTPField.Name(AuditHead.headerName)!
    static let waitingField = HTTPField.Name("VaxDesk-Waiting")!

    func addRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.post { request, context in
            let site = try context.requireSite()
            var auditHead: AuditHead?
            if let header = request.headers[Self.auditHeadField] {
                guard let head = AuditHead(header: header) else {
                    return CentralResponse.outcome(.badRequest, code: "value",
                                                   "\(AuditHead.headerName) must be a row number and its 64-digit hash")
                }
                auditHead = head
            }
            let answer = try await inFlight.exclusively(site) {
                switch try await RequestBounds.collectBundle(request) {
                case .failure(let refused): return refused.response
                case .success(let body):
                    let response = try await ingest(Data(body.readableBytesView), site: site)
                    if response.status == .ok, let auditHead { try await keep(auditHead, of: site, context: context) }
                    if response.status == .ok {
                        // What the province's table of who is behind reads: a number the site says of itself.
                        let said: String? = request.headers[Self.waitingField]
                        let waiting = said.flatMap { Int($0) }.flatMap { (0...100_000_000).contains($0) ? $0 : nil }
                        try await store.execute(CentralQuery("UPDATE site SET last_push_at = ?, waiting = ? WHERE id = ?",
                                                             [SQLValue(Date()), SQLValue(waiting), .text(site)]))
                    }
                    return response
                }
            }
            return answer ?? RequestBounds.RefusedRequest.siteBusy.response
        }
        group.get(":type") { request, context in
            try await search(request, type: context.parameters.get("type") ?? "", by: try context.requirePrincipal())
        }
        group.get(":type/:id") { request, context in
            let principal = try context.requirePrincipal()
            let type = context.parameters.get("type") ?? "", id = context.parameters.get("id") ?? ""
            // The operation `Patient/$lookup` (a route of its own would hide the searches of `Patient`).
            if type == "Patient", id == "$lookup" { return try await lookup(request, by: principal) }
            let stored = try await store.resource(type: type, id: id, for: principal)
            try await store.logAccess(principal, "read", type: type, query: id, count: stored == nil ? 0 : 1)
            guard let stored else {
                return CentralResponse.outcome(.notFound, code: "not-found", "\(type)/\(id) is not among the records you may read")
            }
            return CentralResponse.json(.ok, Data(stored.utf8))
        }
    }

    /// Keeps the head of the site's audit chain that came with a Bundle the centre answered. A row seen
    /// before with another hash means the site's trail was changed after the centre saw it (or the site
    /// was restored from a backup): the records are still taken, and the centre says so in its log and
    /// in `vaxdesk-central audit-heads`.
    private func keep(_ head: AuditHead, of site: String, context: CentralRequestContext) async throws {
        guard try await store.recordAuditHead(head, siteID: site, at: Date()) else { return }
        context.logger.warning("a site's audit row was seen before with another hash: its trail was changed after the centre saw it, or it was restored from a backup",
                               metadata: ["site": "\(site)", "row": "\(head.seq)"])
    }

    /// A certificate the site sent as no longer current goes on the revocation list. Done for a copy
    /// sent again too (200 unchanged): a push whose answer was lost is sent again, and that is enough.
    private func revokeCertificates(in checked: [Result<StorableResource, EntryRefusal>],
                                    answers: [Result<HTTPResponse.Status, EntryRefusal>], of site: String, at now: Date) async throws {
        for (resource, answer) in zip(checked, answers) {
            guard case .success(let stored) = resource, case .success(let status) = answer, status != .accepted,
                  stored.type == "DocumentReference", let reason = stored.status, reason != "current",
                  let identifier = stored.identifiers.first(where: { $0.system == FHIRSystem.certificateIdentifier })?.value
            else { continue }
            try await store.revokeCertificate(identifier: identifier, siteID: site,
                                              reason: reason == "superseded" ? "replaced" : reason, at: now)
        }
    }

    private func lookup(_ request: Request, by principal: Principal) async throws -> Response {
        guard let identifier = request.uri.queryParameters["identifier"].map({ String($0).removingPercentEncoding ?? String($0) }),
              Lookup.isExact(identifier)
        else {
            return CentralResponse.outcome(.badRequest, code: "required",
                                           "a look-up needs one whole identifier (identifier=system|value, a CCCD or CMND): it never lists people")
        }
        let (json, people) = try await store.lookup(identifier: identifier)
        try await store.logAccess(principal, "lookup", type: "Patient", query: identifier, count: people)
        return CentralResponse.json(.ok, json)
    }

    private func search(_ request: Request, type: String, by principal: Principal) async throws -> Response {
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
        let (total, resources) = try await store.search(search, for: principal)
        try await store.logAccess(principal, countOnly ? "count" : "search", type: type,
                                  query: request.uri.query ?? "", count: resources.count)
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
            return CentralResponse.outcome(.badRequest, code: "structure", "not a FHIR Bundle this service reads: " + Self.plainWords(error))
        }
        guard bundle.type == "batch" || bundle.type == "transaction" else {
            return CentralResponse.outcome(.badRequest, code: "invalid", "the Bundle must be a batch or a transaction, not \(bundle.type)")
        }
        let entries = bundle.entry ?? []
        guard entries.count <= RequestBounds.maximumBundleEntries else {
            return RequestBounds.RefusedRequest.tooManyEntries(entries.count).response
        }
        let now = Date()
        let checked = entries.map { Ingest.check($0, now: now, vaccineCodes: vaccineCodes) }
        let atomic = bundle.type == "transaction"
        let answers: [Result<HTTPResponse.Status, EntryRefusal>]
        do {
            answers = try await store.store(checked, siteID: site, atomic: atomic, at: now)
        } catch let refusal as EntryRefusal {
            // A transaction stores nothing when any entry is refused.
            return CentralResponse.outcome(refusal.status, code: "processing", refusal.message)
        }
        try await revokeCertificates(in: checked, answers: answers, of: site, at: now)
        let responseEntries = zip(entries, answers).map { entry, answer -> FHIRBundle.Entry in
            switch answer {
            case .success(.accepted):
                return FHIRBundle.Entry(response: .init(
                    status: Self.line(.accepted), location: entry.request?.url,
                    outcome: .operationOutcome(FHIROperationOutcome(
                        severity: "information", code: "informational",
                        diagnostics: "another site created this person: the change is kept beside the record for review, not applied"))))
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

    /// What a JSON decoder said, in a sentence a site's operator can act on (never Swift's own text).
    static func plainWords(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error as? DecodingError {
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return "the body is not JSON"
        case .dataCorrupted(let context): return "\(path(context.codingPath)) holds a value that cannot be read"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context.codingPath)) has the wrong kind of value"
        case nil: return "the body could not be read"
        @unknown default: return "the body could not be read"
        }
    }
}
