import Foundation
import VaxCore

/// A report as a table, the one shape its JSON, its CSV and the dashboard's HTML are all written
/// from: columns with a stable key and a heading in the reader's language, rows of cells.
struct ReportTable: Encodable, Sendable {
    struct Column: Sendable {
        var key: String
        var heading: String
    }

    enum Cell: Sendable, Hashable {
        case text(String)
        case count(Int)
        /// A share (0.25 is 25 %); nil when it cannot be told (no target, no dose yet).
        case share(Double?)
        /// A rate per 100,000 doses.
        case rate(Double?)

        /// As a person reads it, in `strings`' language ("12.345", "25,0 %").
        func shown(_ strings: Strings) -> String {
            switch self {
            case .text(let text): text
            case .count(let n): Self.grouped(n, strings)
            case .share(let value): value.map { Self.decimal($0 * 100, strings) + " %" } ?? "—"
            case .rate(let value): value.map { Self.decimal($0, strings) } ?? "—"
            }
        }

        /// As a spreadsheet reads it: plain numbers, a share as a fraction.
        var plain: String {
            switch self {
            case .text(let text): text
            case .count(let n): String(n)
            case .share(let value), .rate(let value): value.map { String(format: "%.4f", $0) } ?? ""
            }
        }

        var number: Double? {
            switch self {
            case .text: nil
            case .count(let n): Double(n)
            case .share(let value), .rate(let value): value
            }
        }

        static func grouped(_ n: Int, _ strings: Strings) -> String {
            let digits = String(abs(n))
            var out = ""
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { out += strings["common.thousandsSeparator"] }
                out.append(digit)
            }
            return (n < 0 ? "-" : "") + out
        }

        static func decimal(_ value: Double, _ strings: Strings) -> String {
            String(format: "%.1f", value).replacingOccurrences(of: ".", with: strings["common.decimalSeparator"])
        }
    }

    var id: String
    var title: String
    var columns: [Column]
    var rows: [[Cell]]

    var csv: String {
        CSVText.lines([columns.map(\.heading)] + rows.map { $0.map(\.plain) })
    }

    /// `{"id", "title", "rows": [{key: value}]}`: numbers as numbers, a share as a fraction.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(id, forKey: Key("id"))
        try container.encode(title, forKey: Key("title"))
        var list = container.nestedUnkeyedContainer(forKey: Key("rows"))
        for row in rows {
            var object = list.nestedContainer(keyedBy: Key.self)
            for (column, cell) in zip(columns, row) {
                switch cell {
                case .text(let text): try object.encode(text, forKey: Key(column.key))
                case .count(let n): try object.encode(n, forKey: Key(column.key))
                case .share(let value), .rate(let value): try object.encode(value, forKey: Key(column.key))
                }
            }
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension ReportTable {
    /// Annex 5: a row per unit, the last the total.
    static func daily(_ reports: [DailyReport], _ strings: Strings) -> ReportTable {
        let day = reports.first?.day ?? ""
        return ReportTable(
            id: "daily", title: strings.text("annex5.title", ["day": LocalDay.shown(day), "unit": reports.last?.unit ?? ""]),
            columns: [Column(key: "unit", heading: strings["annex5.unit"])]
                + DailyReport.columns.map { Column(key: $0.key, heading: strings["annex5.\($0.key)"]) }
                + [Column(key: "notes", heading: strings["annex5.notes"])],
            rows: reports.map { report in
                [.text(report.unit)] + DailyReport.columns.map { .count($0.value(report)) } + [.text(report.notes(strings))]
            })
    }

    /// WHO's indicators, a row per unit (or priority group, or age band), the last the total.
    static func indicators(_ rows: [Indicators], by breakdown: IndicatorBreakdown, _ strings: Strings) -> ReportTable {
        let columns: [(String, (Indicators) -> Cell)] = [
            ("cov1", { .count($0.firstDoses) }), ("cov2", { .count($0.laterDoses) }), ("covC", { .count($0.completedSeries) }),
            ("covN", { .count($0.allDoses) }), ("target", { $0.target.map(Cell.count) ?? .text("—") }),
            ("coverage1", { .share($0.firstDoseCoverage) }), ("coverageC", { .share($0.completedCoverage) }),
            ("dueToComplete", { .count($0.dueToComplete) }), ("dropout", { .share($0.dropout) }),
            ("wastageOpened", { .share($0.openedVialWastage) }),
            ("aefiSerious", { .count($0.aefiSerious) }), ("aefiNonSerious", { .count($0.aefiNonSerious) }),
            ("seriousPer100k", { .rate($0.seriousPer100k) }), ("nonSeriousPer100k", { .rate($0.nonSeriousPer100k) }),
        ]
        return ReportTable(
            id: "indicators-\(breakdown.rawValue)",
            title: strings.text("indicators.title.\(breakdown.rawValue)", ["unit": rows.last?.name ?? ""]),
            columns: [Column(key: "unit", heading: strings["indicators.by.\(breakdown.rawValue)"])]
                + columns.map { Column(key: $0.0, heading: strings["indicators.\($0.0)"]) },
            rows: rows.map { row in [.text(row.name)] + columns.map { $0.1(row) } })
    }
}
