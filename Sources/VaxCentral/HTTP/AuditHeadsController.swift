import Foundation
import Hummingbird
import VaxCore

/// `GET /audit-heads`: the heads of a site's audit chain that the centre saw, for `vaxdesk audit verify
/// --central` to hold the site's trail against. A site reads its own; a national officer names the site
/// (`?site=NAME`). Heads hold no personal data.
struct AuditHeadsController {
    let store: any CentralStorage

    func addRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.get { request, context in
            let site: (id: String, name: String)
            switch try context.requirePrincipal() {
            case .site(let id, let name):
                site = (id, name)
            case .officer(let officer):
                guard officer.area == .national else {
                    return CentralResponse.outcome(.forbidden, code: "forbidden", "a site's audit heads are read by the site or a national officer")
                }
                let name = request.uri.queryParameters["site"].map(String.init) ?? ""
                guard let found = try await store.sites().first(where: { $0.name == name }) else {
                    return CentralResponse.outcome(.notFound, code: "not-found", "no site named \(name.isEmpty ? "(give ?site=NAME)" : name)")
                }
                site = found
            }
            let list = SeenAuditHead.List(site: site.name, heads: try await store.auditHeads(siteID: site.id))
            return CentralResponse.json(.ok, try ISO8601JSON.encoder().encode(list), type: "application/json")
        }
    }
}
