import Foundation
import Hummingbird
import VaxCore

/// Other sites' changes to people, reviewed by an officer: `GET /proposals` (those about records of
/// the officer's area, with the change itself; logged as a read), and `POST /proposals/{seq}/accept`
/// or `/reject` with `{"reason": "…"}` (a provincial or national officer). Sites write their own
/// records and review nothing.
struct ProposalsController {
    let store: any CentralStorage

    struct Listed: Encodable {
        var seq: Int
        var record: String
        var site: String
        var baseVersion: Int
        var receivedAt: Date
        var resource: FHIRResource?
    }

    struct Decided: Encodable {
        var decision: String
        var version: Int?
    }

    func addRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.get { _, context in
            let officer = try Self.officer(context)
            let proposals = try await store.proposals(limit: 1000, for: officer)
            try await store.logAccess(.officer(officer), "proposals", type: "Patient", query: nil, count: proposals.count)
            let listed = proposals.map {
                Listed(seq: $0.seq, record: $0.reference, site: $0.site, baseVersion: $0.baseVersion, receivedAt: $0.receivedAt,
                       resource: try? JSONDecoder().decode(FHIRResource.self, from: Data($0.json.utf8)))
            }
            return CentralResponse.json(.ok, try ISO8601JSON.encoder().encode(listed), type: "application/json")
        }
        group.post(":seq/:decision") { request, context in
            let officer = try Self.officer(context)
            guard let seq = context.parameters.get("seq").flatMap({ Int($0) }),
                  let accept = ["accept": true, "reject": false][context.parameters.get("decision") ?? ""]
            else {
                return CentralResponse.outcome(.notFound, code: "not-found", "POST /proposals/{number}/accept or /reject")
            }
            let body = try await request.body.collect(upTo: 16 << 10)
            let reason = (try? JSONDecoder().decode([String: String].self, from: Data(body.readableBytesView)))?["reason"]?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard let reason, !reason.isEmpty else {
                return CentralResponse.outcome(.badRequest, code: "required", #"a decision needs its reason: {"reason": "…"}"#)
            }
            let decision = try await store.decideProposal(seq, accept: accept, reason: reason, by: officer, at: Date())
            try await store.logAccess(.officer(officer), accept ? "accept" : "reject", type: "Patient", query: "proposal \(seq)",
                                      count: 1)
            return Self.response(decision, seq: seq)
        }
    }

    static func response(_ decision: ProposalDecision, seq: Int) -> Response {
        func decided(_ name: String, _ version: Int? = nil) -> Response {
            CentralResponse.json(.ok, (try? ISO8601JSON.encoder().encode(Decided(decision: name, version: version))) ?? Data(), type: "application/json")
        }
        switch decision {
        case .accepted(let version): return decided("accepted", version)
        case .unchanged: return decided("unchanged")
        case .rejected: return decided("rejected")
        case .notFound:
            return CentralResponse.outcome(.notFound, code: "not-found", "no waiting proposal \(seq) about a record of your area")
        case .alreadyDecided(let decision):
            return CentralResponse.outcome(.conflict, code: "conflict", "proposal \(seq) was \(decision) already")
        case .stale(let current, let base):
            return CentralResponse.outcome(.conflict, code: "conflict",
                "the record is at version \(current) now; proposal \(seq) was made on version \(base): it waits, review the record first")
        case .invalid(let message):
            return CentralResponse.outcome(.unprocessableContent, code: "invalid", "proposal \(seq) cannot be applied: \(message)")
        case .notAllowed:
            return CentralResponse.outcome(.forbidden, code: "forbidden", "a district officer reads; a provincial or national officer decides")
        }
    }

    static func officer(_ context: CentralRequestContext) throws -> Officer {
        guard case .officer(let officer) = try context.requirePrincipal() else {
            throw HTTPError(.forbidden, message: "proposals are reviewed by an officer: a site sends its own records")
        }
        return officer
    }
}
