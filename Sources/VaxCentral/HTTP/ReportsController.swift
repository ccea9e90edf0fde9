import Foundation
import Hummingbird

/// `GET /reports/{doses|vaccine-use|adverse-events}`: the centre's aggregates as JSON.
struct ReportsController {
    let store: any CentralStorage

    func addRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.get(":name") { _, context in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            let body: Data
            switch context.parameters.get("name") {
            case "doses": body = try encoder.encode(try await store.dosesReport())
            case "vaccine-use": body = try encoder.encode(try await store.vaccineUseReport())
            case "adverse-events": body = try encoder.encode(try await store.adverseEventsReport())
            default: return CentralResponse.outcome(.notFound, code: "not-found", "reports: doses, vaccine-use, adverse-events")
            }
            return CentralResponse.json(.ok, body, type: "application/json")
        }
    }
}
