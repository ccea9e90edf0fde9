import Foundation
import Plot
import VaxCore

/// The frame of every dashboard page: the title, the way up the areas, the pages, the language and
/// signing out; styled to read on a laptop at 1366×768 and to print (the navigation left out).
struct DashboardPage {
    var strings: Strings
    var title: String
    /// The units above the one shown, from the officer's own area down, each with its link.
    var trail: [(name: String, link: String)]
    /// The same page in the other language.
    var otherLanguage: (name: String, link: String)
    var pages: [(name: String, link: String, current: Bool)]
    /// Who is signed in (empty on the sign-in page: no way to sign out).
    var officer: String

    func render(_ content: [Node<HTML.BodyContext>]) -> String {
        HTML(
            .lang(strings.language == .english ? .english : .vietnamese),
            .head(
                .meta(.charset(.utf8)),
                .title(title),
                .viewport(.accordingToDevice),
                .style(Self.css)
            ),
            .body(
                .header(
                    .nav(
                        .class("trail"),
                        .group(trail.map { step in .group(.a(.href(step.link), .text(step.name)), .text(" › ")) }),
                        .span(.class("here"), .text(title))
                    ),
                    .nav(
                        .class("pages"),
                        .group(pages.map { page in
                            page.current ? .span(.class("current"), .text(page.name)) : .a(.href(page.link), .text(page.name))
                        }),
                        .a(.href(otherLanguage.link), .text(otherLanguage.name)),
                        .if(!officer.isEmpty, .form(.method(.post), .action("/dashboard/sign-out"), .class("signout"),
                              .span(.text(officer)), .button(.type(.submit), .text(strings["dashboard.signOut"]))))
                    )
                ),
                .element(named: "main", nodes: [.h1(.text(title))] + content)
            )
        ).render()
    }

    /// A chart with its numbers beside it, and the numbers as CSV.
    static func figure(_ title: String, chart: Node<HTML.BodyContext>, table: Node<HTML.BodyContext>, csv: String,
                       strings: Strings) -> Node<HTML.BodyContext> {
        .element(named: "figure", nodes: [
            .element(named: "figcaption", nodes: [.text(title)]),
            .div(.class("pair"), .div(.class("chart"), chart), .div(.class("numbers"), table)),
            .p(.class("csv"), .a(.href(csv), .text(strings["dashboard.csv"]))),
        ])
    }

    /// A report table; `links` gives the first cell of a row a link (a unit to go down to).
    static func table(_ table: ReportTable, strings: Strings, links: [String?] = [], compact: Bool = false) -> Node<HTML.BodyContext> {
        .table(
            .class(compact ? "compact" : "report"),
            .thead(.tr(.group(table.columns.map { .th(.text($0.heading)) }))),
            .tbody(.group(table.rows.enumerated().map { index, row in
                .tr(.group(row.enumerated().map { column, cell in
                    let shown = cell.shown(strings)
                    if column == 0, index < links.count, let link = links[index] { return .td(.a(.href(link), .text(shown))) }
                    return .td(cell.number == nil ? .empty : .class("n"), .text(shown))
                }))
            }))
        )
    }

    static let css = """
        body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; margin: 0; color: #1a202c; background: #f7fafc; font-size: 14px; }
        header { background: #1e3a5f; color: #fff; padding: 6px 16px; display: flex; justify-content: space-between; flex-wrap: wrap; }
        header a { color: #fff; margin-right: 12px; }
        header .current { font-weight: bold; margin-right: 12px; border-bottom: 2px solid #fff; }
        .signout { display: inline; margin-left: 12px; } .signout span { margin-right: 6px; }
        main { padding: 8px 16px; }
        h1 { font-size: 20px; margin: 8px 0; } h2 { font-size: 16px; margin: 16px 0 6px; }
        figure { background: #fff; border: 1px solid #cbd5e0; margin: 0 0 12px; padding: 8px; }
        figcaption { font-weight: bold; margin-bottom: 6px; }
        .pair { display: flex; gap: 16px; align-items: flex-start; flex-wrap: wrap; }
        table { border-collapse: collapse; background: #fff; }
        th, td { border: 1px solid #cbd5e0; padding: 2px 6px; }
        th { background: #edf2f7; font-weight: 600; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        table.report { width: 100%; margin-bottom: 6px; }
        .csv { margin: 4px 0 0; font-size: 12px; }
        .behind { background: #fff5f5; }
        .note { color: #4a5568; font-size: 12px; }
        form.day { margin: 8px 0; }
        @media print { header, .csv, form.day { display: none; } body { background: #fff; } figure { break-inside: avoid; } }
        """
}
