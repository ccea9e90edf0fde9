import Foundation
import Plot

/// Charts drawn on the server as SVG, to read without JavaScript and to print: horizontal bars (one
/// per unit, with a mark at the target where there is one) and columns stacked by series (doses per
/// day by dose number). Every label is text, escaped as any text of the page.
enum Chart {
    struct Series: Sendable {
        var name: String
        var color: String
    }

    /// A bar per row: `values[i]` of `labels[i]`, as `shown(value)` says it; `mark` draws a line at
    /// that value (1.0 for coverage: the target).
    static func bars(title: String, labels: [String], values: [Double?], shown: [String], mark: Double? = nil)
        -> Node<HTML.BodyContext>
    {
        let row = 26.0, labelWidth = 190.0, barWidth = 330.0, width = labelWidth + barWidth + 90
        let height = row * Double(max(labels.count, 1)) + 12
        let top = max(values.compactMap { $0 }.max() ?? 0, mark ?? 0, 1e-9)
        var nodes: [Node<HTML.BodyContext>] = Self.frame(title: title, width: width, height: height)
        for (index, label) in labels.enumerated() {
            let y = 6 + row * Double(index)
            let value = index < values.count ? values[index] : nil
            nodes.append(text(Self.clipped(label, 28), x: labelWidth - 8, y: y + row * 0.62, anchor: "end"))
            if let value {
                nodes.append(rect(x: labelWidth, y: y + 4, width: max(1, barWidth * value / top), height: row - 8, color: "#2b6cb0"))
            }
            nodes.append(text(index < shown.count ? shown[index] : "", x: labelWidth + barWidth * (value ?? 0) / top + 6,
                              y: y + row * 0.62, anchor: "start"))
        }
        if let mark {
            let x = labelWidth + barWidth * mark / top
            nodes.append(.element(named: "line", nodes: [
                .attribute(named: "x1", value: Self.number(x)), .attribute(named: "x2", value: Self.number(x)),
                .attribute(named: "y1", value: "0"), .attribute(named: "y2", value: Self.number(height)),
                .attribute(named: "stroke", value: "#c53030"), .attribute(named: "stroke-dasharray", value: "4 3"),
            ]))
        }
        return .element(named: "svg", nodes: nodes)
    }

    /// A column per day (`days` as shown, dd/mm/yyyy), stacked by series (`values[day][series]`), with
    /// the legend above.
    static func stackedColumns(title: String, days: [String], series: [Series], values: [[Int]]) -> Node<HTML.BodyContext> {
        let width = 640.0, height = 240.0, left = 44.0, bottom = 24.0, top = 28.0
        let totals = values.map { $0.reduce(0, +) }
        let highest = Double(max(totals.max() ?? 0, 1))
        let step = (width - left - 8) / Double(max(days.count, 1))
        var nodes: [Node<HTML.BodyContext>] = Self.frame(title: title, width: width, height: height)
        for (index, item) in series.enumerated() {
            let x = left + Double(index) * 120
            nodes.append(rect(x: x, y: 6, width: 12, height: 12, color: item.color))
            nodes.append(text(item.name, x: x + 16, y: 16, anchor: "start"))
        }
        nodes.append(text(String(Int(highest)), x: left - 4, y: top + 4, anchor: "end"))
        nodes.append(text("0", x: left - 4, y: height - bottom, anchor: "end"))
        for (index, day) in days.enumerated() {
            var y = height - bottom
            for (part, item) in series.enumerated() where part < values[index].count {
                let h = (height - bottom - top) * Double(values[index][part]) / highest
                y -= h
                if h > 0 { nodes.append(rect(x: left + step * Double(index) + 1, y: y, width: max(1, step - 2), height: h, color: item.color)) }
            }
            // A date under every seventh column, and the last.
            if index % 7 == 0 || index == days.count - 1 {
                nodes.append(text(String(day.prefix(5)), x: left + step * (Double(index) + 0.5), y: height - 8, anchor: "middle"))
            }
        }
        return .element(named: "svg", nodes: nodes)
    }

    private static func frame(title: String, width: Double, height: Double) -> [Node<HTML.BodyContext>] {
        [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "viewBox", value: "0 0 \(number(width)) \(number(height))"),
            .attribute(named: "width", value: number(width)), .attribute(named: "height", value: number(height)),
            .attribute(named: "role", value: "img"), .attribute(named: "aria-label", value: title),
            .element(named: "title", nodes: [.text(title)]),
        ]
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, color: String) -> Node<HTML.BodyContext> {
        .selfClosedElement(named: "rect", attributes: [
            .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(y)),
            .attribute(named: "width", value: number(width)), .attribute(named: "height", value: number(height)),
            .attribute(named: "fill", value: color),
        ])
    }

    private static func text(_ text: String, x: Double, y: Double, anchor: String) -> Node<HTML.BodyContext> {
        .element(named: "text", nodes: [
            .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(y)),
            .attribute(named: "text-anchor", value: anchor), .attribute(named: "font-size", value: "12"),
            .text(text),
        ])
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    static func clipped(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
