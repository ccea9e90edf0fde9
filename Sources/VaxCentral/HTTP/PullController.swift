import Foundation
import Hummingbird
import VaxCore

/// `GET /pull?after=CURSOR&limit=N`: a site's catchment as it changed since its cursor, in pages, for
/// the site to have every dose its people had elsewhere before they arrive. Sites only; logged as a
/// read of personal data, with how many records it answered.
struct PullController {
    let store: any CentralStorage
    static let defaultLimit = 500, maxLimit = 2_000

    func addRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.get { request, context in
            let siteID = try context.requireSite()
            let principal = try context.requirePrincipal()
            let parameters = request.uri.queryParameters
            guard let cursor = PullCursor(parameters["after"].map(String.init) ?? "0.0") else {
                return CentralResponse.outcome(.badRequest, code: "value", "after must be the cursor of the last page (XID.SEQ)")
            }
            let limit = min(Self.maxLimit, max(1, parameters["limit"].flatMap { Int(String($0)) } ?? Self.defaultLimit))
            guard let catchment = try await store.catchment(ofSite: siteID) else {
                return CentralResponse.outcome(.forbidden, code: "forbidden",
                                               "this site's catchment is not set at the centre (vaxdesk-central site add NAME --district CODE)")
            }
            let page = try await store.pull(siteID: siteID, catchment: catchment, after: cursor, limit: limit)
            try await store.logAccess(principal, "pull", type: nil, query: "after=\(cursor)", count: page.count)
            return CentralResponse.json(.ok, page.json, type: "application/json")
        }
    }
}
