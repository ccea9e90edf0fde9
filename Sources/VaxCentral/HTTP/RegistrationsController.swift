import Foundation
import Hummingbird
import VaxCore

/// What a registration is checked against: the provinces a CCCD may name, and the catalog (which a
/// roster row's earlier doses name).
public struct RegistrationRules: Sendable {
    public let provinces: ProvinceCodes
    public let catalog: VaccineCatalog

    public init(provinces: ProvinceCodes, catalog: VaccineCatalog) {
        self.provinces = provinces
        self.catalog = catalog
    }
}

/// Registrations ahead of a session: `POST /registrations?site=NAME` with a commune's list (`text/csv`:
/// the roster's columns and "Ngày hẹn", "Khung giờ") or `{"registrations": [...]}` (JSON), from an
/// officer of the site's area or the site itself; each row checked as a roster row is, the rows that
/// cannot be read refused with their line and why, the others stored. `GET /registrations?from=DAY&to=DAY`
/// gives a site its own (logged as a read of personal data): it files them at its pull, in place of what
/// it held for those days. `DELETE /registrations/{id}` cancels one (the site, or an officer of its area).
struct RegistrationsController {
    let store: any CentralStorage
    let rules: RegistrationRules?

    struct Answer: Encodable {
        var accepted: Int
        var refused: [RegistrationFile.Refusal]
    }

    struct Sent: Decodable {
        var registrations: [Registration]
    }

    /// The days a site is given when it does not say: today and the week after, in Vietnam.
    static let daysAhead = 7

    func addRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.post { request, context in
            let principal = try context.requirePrincipal()
            guard let rules else {
                return CentralResponse.outcome(.serviceUnavailable, code: "not-supported", "registrations are not set up at this centre")
            }
            let parameters = request.uri.queryParameters
            let siteName = parameters["site"].map(String.init)
            let siteID: String
            switch principal {
            case .site(let id, let name):
                guard siteName == nil || siteName == name else {
                    return CentralResponse.outcome(.forbidden, code: "forbidden", "a site registers people for its own sessions only")
                }
                siteID = id
            case .officer(let officer):
                guard let siteName, let site = try await store.site(named: siteName, seenBy: .officer(officer)) else {
                    return CentralResponse.outcome(.badRequest, code: "required", "name the site the registrations are for: ?site=NAME")
                }
                guard site.seen else {
                    return CentralResponse.outcome(.forbidden, code: "forbidden", "\(siteName) is not a site of your area")
                }
                siteID = site.id
            }
            let body = try await request.body.collect(upTo: 16 << 20)
            let data = Data(body.readableBytesView)
            let today = LocalDate(Date(), in: LocalDay.vietnam)
            let file: RegistrationFile
            if request.headers[.contentType]?.hasPrefix("text/csv") == true {
                guard let table = try? CSVTable(data: data) else {
                    return CentralResponse.outcome(.badRequest, code: "invalid", "the list is not UTF-8 text with a header row")
                }
                let missing = RegistrationFile.missingColumns(table.header)
                guard missing.isEmpty else {
                    return CentralResponse.outcome(.badRequest, code: "required", "the list lacks the columns: \(missing.joined(separator: ", "))")
                }
                file = RegistrationFile(table, provinces: rules.provinces, catalog: rules.catalog, today: today)
            } else {
                guard let sent = try? JSONDecoder().decode(Sent.self, from: data) else {
                    return CentralResponse.outcome(.badRequest, code: "invalid",
                        #"{"registrations": [{"fullName", "birthDate", "sex", "day", "slot", …}]} or a text/csv list"#)
                }
                file = RegistrationFile(sent.registrations, provinces: rules.provinces, catalog: rules.catalog, today: today)
            }
            let stored = try await store.register(file.accepted, siteID: siteID, by: principal.logName, at: Date())
            try await store.logAccess(principal, "register", type: nil, query: siteName, count: stored)
            return CentralResponse.json(.ok, try JSONEncoder().encode(Answer(accepted: stored, refused: file.refused)),
                                        type: "application/json")
        }
        group.delete(":id") { _, context in
            let principal = try context.requirePrincipal()
            let id = context.parameters.get("id") ?? ""
            guard try await store.cancelRegistration(id, sites: Visibility.sites(principal)) else {
                return CentralResponse.outcome(.notFound, code: "not-found", "no registration \(id) for a site of yours")
            }
            try await store.logAccess(principal, "cancel registration", type: nil, query: id, count: 1)
            return CentralResponse.json(.ok, Data(#"{"decision":"cancelled"}"#.utf8), type: "application/json")
        }
        group.get { request, context in
            let siteID = try context.requireSite()
            let principal = try context.requirePrincipal()
            let parameters = request.uri.queryParameters
            let today = LocalDate(Date(), in: LocalDay.vietnam)
            let from = parameters["from"].flatMap { LocalDate(stored: String($0)) } ?? today
            let to = parameters["to"].flatMap { LocalDate(stored: String($0)) } ?? today.adding(days: Self.daysAhead)
            let list = try await store.registrations(siteID: siteID, from: from.stored, to: to.stored)
            try await store.logAccess(principal, "registrations", type: nil, query: "\(from.stored)..\(to.stored)", count: list.count)
            let answer = RegistrationList(from: from.stored, to: to.stored, registrations: list)
            return CentralResponse.json(.ok, try JSONEncoder().encode(answer), type: "application/json")
        }
    }
}
