import Foundation
import Hummingbird

/// `GET /reports/{doses|vaccine-use|adverse-events}`: the centre's aggregates as JSON, of the sites the
/// principal reads (a site its own; an officer those of their area). Counts only, no person.
struct ReportsController {
    let store: any CentralStorage

    func addRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.get(":name") { _, context in
            let principal = try context.requirePrincipal()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            let body: Data
            switch context.parameters.get("name") {
            case "doses": body = try encoder.encode(try await store.dosesReport(for: principal))
            case "vaccine-use": body = try encoder.encode(try await store.vaccineUseReport(for: principal))
            case "adverse-events": body = try encoder.encode(try await store.adverseEventsReport(for: principal))
            default: return CentralResponse.outcome(.notFound, code: "not-found", "reports: doses, vaccine-use, adverse-events")
            }
            return CentralResponse.json(.ok, body, type: "application/json")
        }
    }
}
