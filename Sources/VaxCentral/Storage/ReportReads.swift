import Foundation
import VaxCore

/// A unit the province's reports are of, from the country down to one site; each one's children are
/// the next level's units (a province's districts, a commune's sites).
public enum ReportUnit: Hashable, Sendable {
    case national
    case province(String)
    case district(String)
    case commune(String)
    case site(String)

    /// `national`, `province:91`, `district:899`, `commune:30280`, `site:ID`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count == 2 ? parts[1] : nil) {
        case ("national", nil): self = .national
        case ("province", let code?): self = .province(code)
        case ("district", let code?): self = .district(code)
        case ("commune", let code?): self = .commune(code)
        case ("site", let id?): self = .site(id)
        default: return nil
        }
    }

    public var text: String {
        switch self {
        case .national: "national"
        case .province(let code): "province:\(code)"
        case .district(let code): "district:\(code)"
        case .commune(let code): "commune:\(code)"
        case .site(let id): "site:\(id)"
        }
    }

    /// The unit of an officer's whole area: where their dashboard starts.
    init(_ area: Area) {
        switch area {
        case .national: self = .national
        case .province(let code): self = .province(code)
        case .district(let code): self = .district(code)
        }
    }

    /// Which sites (`s`) the unit holds.
    var condition: (sql: String, values: [SQLValue]) {
        switch self {
        case .national: ("1 = 1", [])
        case .province(let code): ("s.province = ?", [.text(code)])
        case .district(let code): ("s.district = ?", [.text(code)])
        case .commune(let code): ("s.commune = ?", [.text(code)])
        case .site(let id): ("s.id = ?", [.text(id)])
        }
    }

    /// The column of site `s` that names each child unit, and how a child is named from it.
    var children: (column: String, unit: (String) -> ReportUnit)? {
        switch self {
        case .national: ("COALESCE(s.province, '')", ReportUnit.province)
        case .province: ("COALESCE(s.district, '')", ReportUnit.district)
        case .district: ("COALESCE(s.commune, '')", ReportUnit.commune)
        case .commune: ("s.id", ReportUnit.site)
        case .site: nil
        }
    }

    /// The key of a unit's target population (`coverage_target.area`); a site has none of its own.
    var targetArea: String? {
        switch self {
        case .site: nil
        default: text
        }
    }
}

/// How the rows of an indicators table are split.
public enum IndicatorBreakdown: String, Sendable, CaseIterable {
    /// By the unit's children (a province's districts).
    case unit
    case priorityGroup = "priority-group"
    case ageBand = "age-band"
}

/// The province's reports, read from the counts (`refreshReports` first): Annex 5 per unit and day,
/// WHO's indicators, and who is behind in sending.
extension CentralStorage {
    /// Annex 5 of `day` for each child of `unit` that did anything that day, then the unit's total.
    public func dailyReports(of unit: ReportUnit, day: String, for principal: Principal, names: UnitNames) async throws -> [DailyReport] {
        let counts = try await summed(of: unit, split: unit.children?.column ?? "s.id", for: principal,
                                      days: day...day, dueBy: nil)
        var byChild: [String: DailyReport] = [:]
        var total = DailyReport(day: day, unit: names.name(of: unit))
        for (child, count) in counts {
            let childUnit = unit.children?.unit(child) ?? unit
            byChild[child, default: DailyReport(day: day, unit: names.name(of: childUnit))].add(count)
            total.add(count)
        }
        return byChild.values.sorted { $0.unit < $1.unit } + [total]
    }

    /// The indicators of `unit` up to `today`, split by `breakdown`, then the unit's total.
    public func indicators(of unit: ReportUnit, by breakdown: IndicatorBreakdown, today: String, catalog: VaccineCatalog,
                           for principal: Principal, names: UnitNames) async throws -> [Indicators] {
        try await indicators(of: unit, by: [breakdown], today: today, catalog: catalog, for: principal, names: names)[breakdown] ?? []
    }

    /// The same split several ways from one reading of the counts (Annex 6's three tables).
    public func indicators(of unit: ReportUnit, by breakdowns: [IndicatorBreakdown], today: String, catalog: VaccineCatalog,
                           for principal: Principal, names: UnitNames) async throws -> [IndicatorBreakdown: [Indicators]] {
        // By child unit: each count also carries its priority group and age band.
        let counts = try await summed(of: unit, split: unit.children?.column ?? "s.id", for: principal, days: nil,
                                      dueBy: (today, catalog))
        var tables: [IndicatorBreakdown: [Indicators]] = [:]
        for breakdown in breakdowns {
            var rows: [String: Indicators] = [:]
            var total = Indicators(unit: unit.text, name: names.name(of: unit))
            for (child, count) in counts {
                total.add(count, catalog: catalog)
                let key: String
                let name: String
                switch breakdown {
                case .unit:
                    key = child
                    name = names.name(of: unit.children?.unit(child) ?? unit)
                case .priorityGroup, .ageBand:
                    // A vial belongs to no priority group or age band: its wastage is the unit's only.
                    if count.isOfVials { continue }
                    key = breakdown == .priorityGroup ? count.priorityGroup : count.ageBand
                    name = key.isEmpty ? "—" : key
                }
                rows[key, default: Indicators(unit: key, name: name)].add(count, catalog: catalog)
            }
            let targets = try await targets(of: unit, by: breakdown)
            for key in rows.keys { rows[key]?.target = targets.split[key] }
            total.target = targets.total
            tables[breakdown] = rows.values.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending } + [total]
        }
        return tables
    }

    /// Doses given per day of `days` in `unit`, by dose number (1, 2, 3 and later as 3).
    public func dosesPerDay(of unit: ReportUnit, days: ClosedRange<String>, for principal: Principal) async throws
        -> [(day: String, dose: Int, n: Int)]
    {
        let sites = Visibility.sites(principal)
        let area = unit.condition
        return try await rows(CentralQuery("""
            SELECT c.day, CASE WHEN c.dose_number >= 3 THEN 3 ELSE c.dose_number END, CAST(SUM(c.n) AS BIGINT)
            FROM report_count c JOIN site s ON s.id = c.site_id
            WHERE c.kind = 'dose' AND c.day >= ? AND c.day <= ? AND s.id IN \(sites.sql) AND \(area.sql)
            GROUP BY 1, 2 ORDER BY 1, 2
            """, [.text(days.lowerBound), .text(days.upperBound)] + sites.values + area.values)).map {
            ($0[0].text ?? "", $0[1].int ?? 0, $0[2].int ?? 0)
        }
    }

    /// The counts of `unit`'s sites that `principal` reads, summed by `split` (an SQL expression of
    /// `s` or `c`) and by kind, product, dose number, priority group and age band; of `days` only, or
    /// all (sums cast back to integers: PostgreSQL sums a BIGINT as a NUMERIC). With `dueBy`, each first
    /// dose counted on a day far enough before `today` for its product's series to be complete is also
    /// counted as due. The campaign to date is read from the sites' totals, less the first doses not
    /// yet due (the last weeks' only); up to an earlier day, from the days' counts.
    private func summed(of unit: ReportUnit, split: String, for principal: Principal, days: ClosedRange<String>?,
                        dueBy: (today: String, catalog: VaccineCatalog)?) async throws -> [(String, ReportCount)] {
        let sites = Visibility.sites(principal)
        let area = unit.condition
        var conditions = ["s.id IN \(sites.sql)", area.sql]
        var values = sites.values + area.values
        let columns = "\(split), c.kind, c.product, c.dose_number, c.priority_group, c.age_band"
        func read(_ sql: String, _ values: [SQLValue]) async throws -> [(String, ReportCount)] {
            try await rows(CentralQuery(sql, values)).map { row in
                (row[0].text ?? "", ReportCount(kind: row[1].text ?? "", product: row[2].text ?? "", doseNumber: row[3].int ?? 0,
                                                priorityGroup: row[4].text ?? "", ageBand: row[5].text ?? "",
                                                n: row[6].int ?? 0, due: row.count > 7 ? row[7].int ?? 0 : 0))
            }
        }
        if let days {
            conditions.append("c.day >= ? AND c.day <= ?")
            values += [.text(days.lowerBound), .text(days.upperBound)]
        }
        guard let (today, catalog) = dueBy, let day = LocalDate(stored: today) else {
            return try await read("""
                SELECT \(columns), CAST(SUM(c.n) AS BIGINT) FROM report_count c JOIN site s ON s.id = c.site_id
                WHERE \(conditions.joined(separator: " AND ")) GROUP BY 1, 2, 3, 4, 5, 6
                """, values)
        }
        // The last day a first dose can have been given for the series to be due by `today`, by product.
        let cases = catalog.products.map { _ in "WHEN ? THEN ?" }.joined(separator: " ")
        let cutoffs = catalog.products.flatMap { product -> [SQLValue] in
            [.text(product.code), .text(day.adding(days: -catalog.daysToComplete(product.code)).stored)]
        } + [.text(day.adding(days: -28).stored)]
        let cutoff = "(CASE c.product \(cases) ELSE ? END)"
        guard today >= LocalDay.of(Date()) else {
            return try await read("""
                SELECT \(columns), CAST(SUM(c.n) AS BIGINT),
                       CAST(SUM(CASE WHEN c.kind = 'dose1-reached' AND c.day <= \(cutoff) THEN c.n ELSE 0 END) AS BIGINT)
                FROM report_count c JOIN site s ON s.id = c.site_id
                WHERE \(conditions.joined(separator: " AND ")) AND c.day <= ? GROUP BY 1, 2, 3, 4, 5, 6
                """, cutoffs + values + [.text(today)])
        }
        let totals = try await read("""
            SELECT \(columns), CAST(SUM(c.n) AS BIGINT) FROM report_total c JOIN site s ON s.id = c.site_id
            WHERE \(conditions.joined(separator: " AND ")) GROUP BY 1, 2, 3, 4, 5, 6
            """, values)
        let longest = catalog.products.map { catalog.daysToComplete($0.code) }.max() ?? 28
        let notYetDue = try await read("""
            SELECT \(columns), CAST(SUM(c.n) AS BIGINT) FROM report_count c JOIN site s ON s.id = c.site_id
            WHERE c.kind = 'dose1-reached' AND c.day > ? AND c.day > \(cutoff) AND \(conditions.joined(separator: " AND "))
            GROUP BY 1, 2, 3, 4, 5, 6
            """, [.text(day.adding(days: -max(longest, 28)).stored)] + cutoffs + values)
        var recent: [String: Int] = [:]
        for (key, count) in notYetDue { recent[Self.key(key, count), default: 0] += count.n }
        return totals.map { key, count in
            var count = count
            if count.kind == "dose1-reached" { count.due = count.n - (recent[Self.key(key, count)] ?? 0) }
            return (key, count)
        }
    }

    private static func key(_ split: String, _ count: ReportCount) -> String {
        [split, count.kind, count.product, String(count.doseNumber), count.priorityGroup, count.ageBand].joined(separator: "\u{1F}")
    }

    /// The unit's target population: its total, and split as asked. A row with no priority group and
    /// no age band is the whole population; without one, the rows are summed.
    private func targets(of unit: ReportUnit, by breakdown: IndicatorBreakdown) async throws -> (total: Int?, split: [String: Int]) {
        var split: [String: Int] = [:]
        if breakdown == .unit, let children = unit.children {
            // Each child's own targets, by its key.
            let keys = try await rows(CentralQuery(
                "SELECT DISTINCT \(children.column) FROM site s WHERE \(unit.condition.sql)", unit.condition.values)).compactMap { $0[0].text }
            for key in keys { split[key] = try await targets(of: children.unit(key), by: .priorityGroup).total }
        }
        guard let area = unit.targetArea else { return (nil, split) }
        let found = try await rows(CentralQuery(
            "SELECT priority_group, age_band, target FROM coverage_target WHERE area = ?", [.text(area)]))
        guard !found.isEmpty else { return (nil, split) }
        let all = found.first { $0[0].text == "" && $0[1].text == "" }?[2].int
        let total = all ?? found.compactMap { $0[2].int }.reduce(0, +)
        for row in found where breakdown != .unit {
            let key = (breakdown == .priorityGroup ? row[0] : row[1]).text ?? ""
            if !key.isEmpty { split[key, default: 0] += row[2].int ?? 0 }
        }
        return (total, split)
    }
}

/// How units are named for people: provinces by the code table, sites by their name; a district or a
/// commune by its code, as the centre knows no more.
public struct UnitNames: Sendable {
    let provinces: ProvinceCodes
    let sites: [String: String]
    let strings: Strings

    public func name(of unit: ReportUnit) -> String {
        switch unit {
        case .national: strings["dashboard.national"]
        // The administrative code (91) is the CCCD's province prefix (091) without its leading zero.
        case .province(let code):
            provinces.name(of: code) ?? provinces.name(of: String(repeating: "0", count: max(0, 3 - code.count)) + code)
                ?? (code.isEmpty ? strings["dashboard.noArea"] : code)
        case .district(let code): code.isEmpty ? strings["dashboard.noArea"] : strings.text("dashboard.district", ["code": code])
        case .commune(let code): code.isEmpty ? strings["dashboard.noArea"] : strings.text("dashboard.commune", ["code": code])
        case .site(let id): sites[id] ?? id
        }
    }
}

extension CentralStorage {
    /// Names for the units of the centre's sites, in `strings`' language.
    public func unitNames(provinces: ProvinceCodes, strings: Strings) async throws -> UnitNames {
        let sites = try await rows(CentralQuery("SELECT id, name FROM site"))
        return UnitNames(provinces: provinces, sites: Dictionary(sites.compactMap { row in
            row[0].text.flatMap { id in row[1].text.map { (id, $0) } }
        }) { first, _ in first }, strings: strings)
    }
}
