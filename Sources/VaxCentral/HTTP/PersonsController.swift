import Foundation
import Hummingbird
import VaxCore

/// One person nationally, kept by officers: `GET /persons/duplicates` lists the records of different
/// sites of the officer's area that may be one person (the same name, birth date and commune with no
/// CCCD joining them) and the CCCDs held under different names or birth dates (logged as a read);
/// `POST /persons/merge` with `{"kept": ID, "merged": ID, "reason": "…"}` merges one into the other, and
/// `POST /persons/distinct` with `{"key": KEY, "reason": "…"}` tells a group apart (a provincial or
/// national officer). Sites keep their own records and decide nothing here.
struct PersonsController {
    let store: any CentralStorage

    struct Merge: Decodable {
        var kept: String
        var merged: String
        var reason: String
    }

    struct Distinct: Decodable {
        var key: String
        var reason: String
    }

    struct Done: Encodable {
        var decision: String
        var version: Int?
    }

    func addRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.get("duplicates") { _, context in
            let officer = try Self.officer(context)
            let groups = try await store.duplicateGroups(for: officer)
            try await store.logAccess(.officer(officer), "duplicates", type: "Patient", query: nil,
                                      count: groups.reduce(0) { $0 + $1.members.count })
            return CentralResponse.json(.ok, try ISO8601JSON.encoder().encode(groups), type: "application/json")
        }
        group.post("merge") { request, context in
            let officer = try Self.officer(context)
            guard let merge: Merge = try await Self.body(request), !merge.reason.trimmed.isEmpty else {
                return CentralResponse.outcome(.badRequest, code: "required", #"{"kept": ID, "merged": ID, "reason": "…"}"#)
            }
            let outcome = try await store.mergePatients(kept: merge.kept, merged: merge.merged, reason: merge.reason.trimmed,
                                                        by: officer, at: Date())
            try await store.logAccess(.officer(officer), "merge", type: "Patient", query: "\(merge.merged) into \(merge.kept)", count: 2)
            switch outcome {
            case .merged(let version): return Self.done("merged", version)
            case .notFound(let id):
                return CentralResponse.outcome(.notFound, code: "not-found", "no active Patient/\(id) of a site of your area")
            case .sameRecord: return CentralResponse.outcome(.badRequest, code: "value", "a record is not merged into itself")
            case .notAllowed: return Self.forbidden
            case .stale:
                return CentralResponse.outcome(.conflict, code: "conflict", "the record changed meanwhile: read the duplicates again")
            }
        }
        group.post("distinct") { request, context in
            let officer = try Self.officer(context)
            guard let distinct: Distinct = try await Self.body(request), !distinct.reason.trimmed.isEmpty else {
                return CentralResponse.outcome(.badRequest, code: "required", #"{"key": KEY, "reason": "…"}"#)
            }
            guard try await store.markDistinct(key: distinct.key, reason: distinct.reason.trimmed, by: officer, at: Date()) else {
                return Self.forbidden
            }
            try await store.logAccess(.officer(officer), "distinct", type: "Patient", query: distinct.key, count: 0)
            return Self.done("distinct", nil)
        }
    }

    static let forbidden = CentralResponse.outcome(.forbidden, code: "forbidden",
                                                   "a district officer reads; a provincial or national officer decides")

    static func done(_ decision: String, _ version: Int?) -> Response {
        CentralResponse.json(.ok, (try? ISO8601JSON.encoder().encode(Done(decision: decision, version: version))) ?? Data(),
                             type: "application/json")
    }

    static func body<T: Decodable>(_ request: Request) async throws -> T? {
        let body = try await request.body.collect(upTo: 16 << 10)
        return try? JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
    }

    static func officer(_ context: CentralRequestContext) throws -> Officer {
        guard case .officer(let officer) = try context.requirePrincipal() else {
            throw HTTPError(.forbidden, message: "duplicates are an officer's to decide: a site keeps its own records")
        }
        return officer
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
