import Foundation
import Hummingbird
import VaxCore

/// `GET /reports/...`: the centre's reports of the sites the principal reads (a site its own; an
/// officer those of their area). Counts only, no person.
/// - `doses`, `vaccine-use`, `adverse-events`: the first aggregates, as JSON.
/// - `daily?unit=province:91&day=2026-12-01`: Annex 5 of each unit below `unit`, and its total.
/// - `indicators?unit=…&by=unit|priority-group|age-band&today=…`: WHO's indicators.
///
/// `format=csv` (headed in `lang`, Vietnamese by default) or JSON.
struct ReportsController {
    let store: any CentralStorage
    let settings: ReportSettings?

    func addRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.get(":name") { request, context in
            let principal = try context.requirePrincipal()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            let body: Data
            switch context.parameters.get("name") {
            case "doses": body = try encoder.encode(try await store.dosesReport(for: principal))
            case "vaccine-use": body = try encoder.encode(try await store.vaccineUseReport(for: principal))
            case "adverse-events": body = try encoder.encode(try await store.adverseEventsReport(for: principal))
            case "daily", "indicators":
                guard let settings else { return CentralResponse.outcome(.notFound, code: "not-found", "the centre keeps no reports") }
                let query = try ReportQuery(request.uri.queryParameters, principal: principal)
                let strings = settings.strings(query.language)
                try await store.refreshReports()
                let names = try await store.unitNames(provinces: settings.provinces, strings: strings)
                let views = ReportViews(store: store, settings: settings, principal: principal, unit: query.unit, day: query.day,
                                           strings: strings, names: names)
                let name = context.parameters.get("name") == "daily" ? "daily" : "indicators-\(query.breakdown.rawValue)"
                guard let table = try await views.table(name) else { throw HTTPError(.notFound) }
                if query.csv {
                    return CentralResponse.json(.ok, Data(table.csv.utf8), type: "text/csv; charset=utf-8")
                }
                body = try encoder.encode(table)
            default:
                return CentralResponse.outcome(.notFound, code: "not-found", "reports: doses, vaccine-use, adverse-events, daily, indicators")
            }
            return CentralResponse.json(.ok, body, type: "application/json")
        }
    }
}

/// What a report is asked for: the unit (by default the principal's whole area), the day (today in
/// Vietnam by default), the breakdown, the format and language. A unit outside the principal's area
/// is not refused: it reads only the sites the principal may, which for such a unit is none.
struct ReportQuery {
    var unit: ReportUnit
    var day: String
    var breakdown: IndicatorBreakdown
    var csv: Bool
    var language: String?

    init(_ parameters: Parameters, principal: Principal) throws {
        if let text = parameters["unit"].map(String.init) {
            guard let unit = ReportUnit(text) else {
                throw HTTPError(.badRequest, message: "unit must be national, province:CODE, district:CODE, commune:CODE or site:ID")
            }
            self.unit = unit
        } else {
            switch principal {
            case .site(let id, _): unit = .site(id)
            case .officer(let officer): unit = ReportUnit(officer.area)
            }
        }
        day = parameters["day"].map(String.init) ?? LocalDay.of(Date())
        guard LocalDate(stored: day) != nil else { throw HTTPError(.badRequest, message: "day must be yyyy-mm-dd") }
        let by = parameters["by"].map(String.init) ?? IndicatorBreakdown.unit.rawValue
        guard let breakdown = IndicatorBreakdown(rawValue: by) else {
            throw HTTPError(.badRequest, message: "by must be unit, priority-group or age-band")
        }
        self.breakdown = breakdown
        csv = parameters["format"] == "csv"
        language = parameters["lang"].map(String.init)
    }
}
