import Foundation
import Plot
import VaxCore

/// What a unit's reports show: its tables (the same for the JSON and CSV reports and the dashboard) and
/// the dashboard's pages drawn from them.
struct ReportViews {
    let store: any CentralStorage
    let settings: ReportSettings
    let principal: Principal
    let unit: ReportUnit
    let day: String
    let strings: Strings
    let names: UnitNames

    /// What a query's value keeps as it is (RFC 3986's unreserved characters).
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The link to a dashboard page of `unit` (this one by default), in this language.
    func link(_ page: String, unit: ReportUnit? = nil, extra: [String: String] = [:]) -> String {
        var query = ["unit": (unit ?? self.unit).text, "day": day, "lang": strings.language.rawValue]
        query.merge(extra) { _, new in new }
        let text = query.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "")" }
            .joined(separator: "&")
        return "/dashboard\(page.isEmpty ? "" : "/" + page)?" + text
    }

    // MARK: Tables

    func indicators(by breakdown: IndicatorBreakdown) async throws -> [Indicators] {
        try await store.indicators(of: unit, by: breakdown, today: day, catalog: settings.catalog, for: principal, names: names)
    }

    func dosesPerDay() async throws -> ReportTable {
        let end = LocalDate(stored: day) ?? LocalDate(Date(), in: LocalDay.vietnam)
        let days = (0..<28).reversed().map { end.adding(days: -$0).stored }
        let found = try await store.dosesPerDay(of: unit, days: days[0]...days[days.count - 1], for: principal)
        var byDay: [String: [Int]] = [:]
        for row in found where (1...3).contains(row.dose) { byDay[row.day, default: [0, 0, 0]][row.dose - 1] += row.n }
        return ReportTable(
            id: "doses-per-day", title: strings["dashboard.chart.doses"],
            columns: [.init(key: "day", heading: strings["annex5.day"]), .init(key: "dose1", heading: strings["dashboard.dose1"]),
                      .init(key: "dose2", heading: strings["dashboard.dose2"]), .init(key: "dose3", heading: strings["dashboard.dose3"])],
            rows: days.map { day in [.text(LocalDay.shown(day))] + (byDay[day] ?? [0, 0, 0]).map(ReportTable.Cell.count) })
    }

    /// The days of `table` on which doses were given: the numbers beside the chart, without a row of
    /// zeros for each quiet day.
    func busyDays(_ table: ReportTable) -> ReportTable {
        var busy = table
        busy.rows = table.rows.filter { row in row.dropFirst().contains { ($0.number ?? 0) > 0 } }
        if busy.rows.isEmpty { busy.rows = [[.text(strings["dashboard.noDoses"]), .text(""), .text(""), .text("")]] }
        return busy
    }

    func sites() async throws -> ReportTable {
        let rows = try await store.siteSync(of: unit, for: principal)
        return ReportTable(
            id: "sites", title: strings["dashboard.sites"],
            columns: ["name", "commune", "lastPush", "waiting", "lastDose"].map { .init(key: $0, heading: strings["dashboard.site.\($0)"]) },
            rows: rows.map { site in
                [.text(site.name), .text(site.commune.isEmpty ? "—" : site.commune),
                 .text(site.lastPush.map { LocalDay.shown(LocalDay.of($0)) + " " + LocalDay.time($0) } ?? strings["dashboard.never"]),
                 site.waiting.map(ReportTable.Cell.count) ?? .text("—"), .text(site.lastDoseDay.map(LocalDay.shown) ?? "—")]
            })
    }

    /// One indicator of each row, as a two-column table.
    func single(_ id: String, _ rows: [Indicators], _ value: (Indicators) -> ReportTable.Cell) -> ReportTable {
        ReportTable(id: id, title: strings["dashboard.chart.\(id)"],
                    columns: [.init(key: "unit", heading: strings["indicators.by.unit"]), .init(key: id, heading: strings["dashboard.value.\(id)"])],
                    rows: rows.map { [.text($0.name), value($0)] })
    }

    /// The table to download by its id.
    func table(_ id: String) async throws -> ReportTable? {
        switch id {
        case "daily": return .daily(try await store.dailyReports(of: unit, day: day, for: principal, names: names), strings)
        case "doses-per-day": return try await dosesPerDay()
        case "sites": return try await sites()
        default:
            guard id.hasPrefix("indicators-"), let breakdown = IndicatorBreakdown(rawValue: String(id.dropFirst(11))) else { return nil }
            return .indicators(try await indicators(by: breakdown), by: breakdown, strings)
        }
    }

    // MARK: Pages

    /// Where the unit stands: doses per day, coverage against target, dropout, wastage, AEFI, each by
    /// the unit's children (a link to each), and the sites that are behind in sending.
    func overview() async throws -> [Node<HTML.BodyContext>] {
        let rows = try await indicators(by: .unit)
        let children = Array(rows.dropLast())
        let childLinks: [String?] = children.map { row in unit.children.map { link("", unit: $0.unit(row.unit)) } } + [nil]
        let doses = try await dosesPerDay()
        let series = [Chart.Series(name: strings["dashboard.dose1"], color: "#2b6cb0"),
                      Chart.Series(name: strings["dashboard.dose2"], color: "#38a169"),
                      Chart.Series(name: strings["dashboard.dose3"], color: "#d69e2e")]
        let dosesChart = Chart.stackedColumns(title: doses.title, days: doses.rows.map { $0[0].shown(strings) }, series: series,
                                              values: doses.rows.map { $0.dropFirst().map { Int($0.number ?? 0) } })
        // The unit's own line first: where it stands at a glance.
        var headline = ReportTable.indicators(Array(rows.suffix(1)), by: .unit, strings)
        headline.id = "headline"
        var figures: [Node<HTML.BodyContext>] = [
            .p(.class("note"), .text(strings.text("dashboard.updated", ["day": LocalDay.shown(day)]))),
            DashboardPage.table(headline, strings: strings),
            DashboardPage.figure(doses.title, chart: dosesChart, table: DashboardPage.table(busyDays(doses), strings: strings, compact: true),
                                 csv: link("csv", extra: ["table": doses.id]), strings: strings),
        ]
        let measures: [(String, (Indicators) -> Double?, (Indicators) -> ReportTable.Cell, Double?)] = [
            ("coverage", \.firstDoseCoverage, { .share($0.firstDoseCoverage) }, 1.0),
            ("dropout", \.dropout, { .share($0.dropout) }, nil),
            ("wastage", \.openedVialWastage, { .share($0.openedVialWastage) }, nil),
            ("aefi", \.seriousPer100k, { .rate($0.seriousPer100k) }, nil),
        ]
        for (id, value, cell, mark) in measures {
            let table = single(id, rows, cell)
            let chart = Chart.bars(title: table.title, labels: rows.map(\.name), values: rows.map(value),
                                   shown: table.rows.map { $0[1].shown(strings) }, mark: mark)
            figures.append(DashboardPage.figure(table.title, chart: chart,
                                                table: DashboardPage.table(table, strings: strings, links: childLinks, compact: true),
                                                csv: link("csv", extra: ["table": "indicators-unit"]), strings: strings))
        }
        let indicatorTable = ReportTable.indicators(rows, by: .unit, strings)
        figures.append(.h2(.text(indicatorTable.title)))
        figures.append(DashboardPage.table(indicatorTable, strings: strings, links: childLinks))
        figures.append(.p(.class("csv"), .a(.href(link("csv", extra: ["table": "indicators-unit"])), .text(strings["dashboard.csv"]))))
        let sites = try await sites()
        figures.append(.h2(.text(sites.title)))
        figures.append(.p(.class("note"), .text(strings["dashboard.sitesNote"])))
        figures.append(DashboardPage.table(sites, strings: strings))
        figures.append(.p(.class("csv"), .a(.href(link("csv", extra: ["table": "sites"])), .text(strings["dashboard.csv"]))))
        return figures
    }

    /// Annex 5 of a day for each of the unit's children, with a day to choose.
    func daily() async throws -> [Node<HTML.BodyContext>] {
        let table = ReportTable.daily(try await store.dailyReports(of: unit, day: day, for: principal, names: names), strings)
        return [
            .form(.method(.get), .action("/dashboard/daily"), .class("day"),
                  .input(.type(.hidden), .name("unit"), .value(unit.text)),
                  .input(.type(.hidden), .name("lang"), .value(strings.language.rawValue)),
                  .label(.text(strings["annex5.day"] + " "), .input(.type(.date), .name("day"), .value(day))),
                  .button(.type(.submit), .text(strings["dashboard.show"]))),
            .h2(.text(table.title)),
            DashboardPage.table(table, strings: strings),
            .p(.class("csv"), .a(.href(link("csv", extra: ["table": "daily"])), .text(strings["dashboard.csv"]))),
        ]
    }

    /// Annex 6: by priority group (target, doses, coverage), by unit, by age band, with AEFI.
    func annex6() async throws -> [Node<HTML.BodyContext>] {
        var nodes: [Node<HTML.BodyContext>] = [.p(.class("note"), .text(strings.text("dashboard.annex6Note", ["day": LocalDay.shown(day)])))]
        let breakdowns = [IndicatorBreakdown.priorityGroup, .unit, .ageBand]
        let tables = try await store.indicators(of: unit, by: breakdowns, today: day, catalog: settings.catalog, for: principal, names: names)
        for breakdown in breakdowns {
            let table = ReportTable.indicators(tables[breakdown] ?? [], by: breakdown, strings)
            nodes += [.h2(.text(table.title)), DashboardPage.table(table, strings: strings),
                      .p(.class("csv"), .a(.href(link("csv", extra: ["table": table.id])), .text(strings["dashboard.csv"])))]
        }
        return nodes
    }
}
