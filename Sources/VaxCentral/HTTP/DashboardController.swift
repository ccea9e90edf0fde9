import Foundation
import Hummingbird
import VaxCore

/// `/dashboard`: the province's pages, for officers, in a browser with no JavaScript needed. An
/// officer signs in with their token once (`/dashboard/sign-in`); the browser then holds a cookie of
/// its own, HttpOnly and SameSite=Strict, good for a working day. Pages: the overview of a unit
/// (`?unit=district:899`), Annex 5 of a day (`/daily`), Annex 6 (`/annex6`), any table as CSV
/// (`/csv?table=…`). Vietnamese unless `lang=en`.
struct DashboardController {
    let store: any CentralStorage
    let settings: ReportSettings

    static let cookieName = "vaxdesk_dashboard"

    func addRoutes(to router: Router<CentralRequestContext>) {
        let group = router.group("dashboard")
        group.get("sign-in") { request, _ in
            signIn(strings: settings.strings(request.uri.queryParameters["lang"].map(String.init)), refused: false)
        }
        group.post("sign-in") { request, _ in
            let form = Self.form(String(buffer: try await request.body.collect(upTo: 4096)))
            let strings = settings.strings(form["lang"])
            // A token pasted with a space or a line break around it is still the token.
            guard let token = form["token"]?.trimmingCharacters(in: .whitespacesAndNewlines),
                  let cookie = try await store.openDashboardSession(token: token) else {
                return signIn(strings: strings, refused: true)
            }
            var response = Self.redirect("/dashboard?lang=\(strings.language.rawValue)")
            response.headers[.setCookie] = "\(Self.cookieName)=\(cookie); Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=28800"
                + (request.headers[.init("X-Forwarded-Proto")!] == "https" ? "; Secure" : "")
            return response
        }
        group.post("sign-out") { request, _ in
            if let cookie = Self.cookie(request) { try await store.closeDashboardSession(cookie: cookie) }
            var response = Self.redirect("/dashboard/sign-in")
            response.headers[.setCookie] = "\(Self.cookieName)=; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=0"
            return response
        }
        group.get { request, _ in try await page(request, "") }
        group.get("daily") { request, _ in try await page(request, "daily") }
        group.get("annex6") { request, _ in try await page(request, "annex6") }
        group.get("csv") { request, _ in try await page(request, "csv") }
    }

    /// A page for the signed-in officer, or the way to sign in.
    private func page(_ request: Request, _ name: String) async throws -> Response {
        let query = request.uri.queryParameters
        let strings = settings.strings(query["lang"].map(String.init))
        guard let cookie = Self.cookie(request), let principal = try await store.dashboardPrincipal(cookie: cookie),
              case .officer(let officer) = principal
        else { return Self.redirect("/dashboard/sign-in?lang=\(strings.language.rawValue)") }
        let unit = query["unit"].flatMap { ReportUnit(String($0)) } ?? ReportUnit(officer.area)
        let day = query["day"].map(String.init).flatMap { LocalDate(stored: $0)?.stored } ?? LocalDay.of(Date())
        guard try await store.holds(principal, unit) else {
            return Self.html(.forbidden, DashboardPage(strings: strings, title: strings["dashboard.outside"], trail: [],
                                                       otherLanguage: ("", "/dashboard"), pages: [], officer: officer.name)
                .render([.p(.a(.href("/dashboard?lang=\(strings.language.rawValue)"), .text(strings["dashboard.backHome"])))]))
        }
        try await store.refreshReports()
        let names = try await store.unitNames(provinces: settings.provinces, strings: strings)
        let views = ReportViews(store: store, settings: settings, principal: principal, unit: unit, day: day, strings: strings,
                                   names: names)
        if name == "csv" {
            guard let table = try await views.table(query["table"].map(String.init) ?? "") else {
                return Response(status: .notFound)
            }
            var response = CentralResponse.json(.ok, Data(table.csv.utf8), type: "text/csv; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"\(table.id)-\(day).csv\""
            return response
        }
        let unitName = names.name(of: unit)
        let content = switch name {
        case "daily": try await views.daily()
        case "annex6": try await views.annex6()
        default: try await views.overview()
        }
        let other: Language = strings.language == .english ? .vietnamese : .english
        let frame = DashboardPage(
            strings: strings, title: strings.text("dashboard.title.\(name.isEmpty ? "overview" : name)", ["unit": unitName]),
            trail: try await store.trail(to: unit, from: officer.area).map { (names.name(of: $0), views.link(name, unit: $0)) },
            otherLanguage: (strings["dashboard.otherLanguage"], views.link(name, extra: ["lang": other.rawValue])),
            pages: [("overview", ""), ("daily", "daily"), ("annex6", "annex6")].map {
                (strings["dashboard.page.\($0.0)"], views.link($0.1), $0.1 == name)
            },
            officer: officer.name)
        return Self.html(.ok, frame.render(content))
    }

    private func signIn(strings: Strings, refused: Bool) -> Response {
        let page = DashboardPage(strings: strings, title: strings["dashboard.signIn.title"], trail: [],
                                 otherLanguage: (strings["dashboard.otherLanguage"],
                                                 "/dashboard/sign-in?lang=\(strings.language == .english ? "vi" : "en")"),
                                 pages: [], officer: "")
        return Self.html(refused ? .unauthorized : .ok, page.render([
            .if(refused, .p(.class("behind"), .text(strings["dashboard.signIn.refused"]))),
            .form(.method(.post), .action("/dashboard/sign-in"),
                  .input(.type(.hidden), .name("lang"), .value(strings.language.rawValue)),
                  .label(.text(strings["dashboard.signIn.token"] + " "),
                         .input(.type(.password), .name("token"), .autocomplete(false), .required(true))),
                  .button(.type(.submit), .text(strings["dashboard.signIn.button"]))),
            .p(.class("note"), .text(strings["dashboard.signIn.note"])),
        ]))
    }

    /// A page with the headers a page of a health service's data needs: nothing from elsewhere, no
    /// script, not framed, not kept by a shared browser's cache.
    static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        var response = CentralResponse.json(status, Data(page.utf8), type: "text/html; charset=utf-8")
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'"
        response.headers[.cacheControl] = "no-store"
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        return response
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func cookie(_ request: Request) -> String? {
        request.headers[values: .cookie].flatMap { $0.split(separator: ";") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix(cookieName + "=") }
            .map { String($0.dropFirst(cookieName.count + 1)) }
            .flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `application/x-www-form-urlencoded`, as a browser sends a form.
    static func form(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            guard let key = parts.first?.removingPercentEncoding else { continue }
            fields[key] = (parts.count > 1 ? parts[1] : "").removingPercentEncoding ?? ""
        }
        return fields
    }
}

extension CentralStorage {
    /// Whether every site of `unit` is one `principal` reads (a unit of no site holds nothing to hide).
    func holds(_ principal: Principal, _ unit: ReportUnit) async throws -> Bool {
        let sites = Visibility.sites(principal)
        let area = unit.condition
        return try await rows(CentralQuery(
            "SELECT COUNT(*) FROM site s WHERE \(area.sql) AND s.id NOT IN \(sites.sql)", area.values + sites.values)).first?[0].int == 0
    }

    /// The units from the officer's area down to `unit`'s parent, to go back up.
    func trail(to unit: ReportUnit, from area: Area) async throws -> [ReportUnit] {
        let sites = unit.condition
        guard let row = try await rows(CentralQuery("SELECT province, district, commune FROM site s WHERE \(sites.sql) LIMIT 1",
                                                    sites.values)).first
        else { return [] }
        var chain: [ReportUnit] = [.national]
        if let province = row[0].text { chain.append(.province(province)) }
        if let district = row[1].text { chain.append(.district(district)) }
        if let commune = row[2].text { chain.append(.commune(commune)) }
        let top = chain.firstIndex(of: ReportUnit(area)) ?? chain.count
        let here = chain.firstIndex(of: unit) ?? chain.count
        return top < here ? Array(chain[top..<here]) : []
    }
}
