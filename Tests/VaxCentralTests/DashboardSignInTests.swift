import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import VaxCentral
import VaxCore
import VaxResources

/// How an officer's browser is let into the dashboard, and what each page says to a browser.
@Suite("Signing in to the dashboard")
struct DashboardSignInTests {
    static func settings() throws -> ReportSettings {
        try ReportSettings(catalog: VaccineCatalog(json: VaxResources.data("vaccines.json")),
                           provinces: ProvinceCodes(json: VaxResources.data("provinces.json")),
                           strings: Language.allCases.map { try Strings(language: $0, json: VaxResources.data("strings/\($0.rawValue).json")) })
    }

    static func form(_ token: String) -> ByteBuffer {
        ByteBuffer(string: "lang=vi&token=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    @Test("a cookie of its own, HttpOnly and SameSite=Strict, only for an officer's token; pages no script may run in, kept by no cache; signing out, or revoking the token, ends it")
    func signIn() async throws {
        try await CentralRouterTests.withStore(.sqlite) { store, siteToken in
            let officer = try await store.addOfficer(name: "CDC Kiên Giang", area: .province("91"))
            let app = Application(router: CentralService.buildRouter(store: store, limiter: RateLimiter(rate: 0), reports: try Self.settings()))
            try await app.test(.router) { client in
                try await client.execute(uri: "/dashboard", method: .get) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/dashboard/sign-in?lang=vi")
                }
                let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                for wrong in [siteToken, officer + "x", ""] {
                    try await client.execute(uri: "/dashboard/sign-in", method: .post, headers: formHeaders, body: Self.form(wrong)) { response in
                        #expect(response.status == .unauthorized && response.headers[.setCookie] == nil)
                        #expect(String(buffer: response.body).contains("Mã truy cập không đúng"))
                    }
                }
                var cookie = ""
                try await client.execute(uri: "/dashboard/sign-in", method: .post, headers: formHeaders, body: Self.form(officer + "\n")) { response in
                    #expect(response.status == .seeOther)
                    let set = response.headers[.setCookie] ?? ""
                    #expect(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/dashboard"), "\(set)")
                    cookie = String(set.split(separator: ";")[0])
                }
                let stored = try await store.rows(CentralQuery("SELECT token_hash FROM dashboard_session")).map { $0[0].text ?? "" }
                #expect(stored.count == 1 && !stored[0].isEmpty && !cookie.contains(stored[0]), "only the cookie's hash is kept")
                try await client.execute(uri: "/dashboard", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    let policy = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(policy.contains("default-src 'none'") && !policy.contains("script-src") && policy.contains("frame-ancestors 'none'"))
                    #expect(response.headers[.cacheControl] == "no-store")
                    #expect(!String(buffer: response.body).contains("<script"))
                }
                try await client.execute(uri: "/dashboard/csv?table=sites", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
                    #expect(String(buffer: response.body).hasPrefix("Điểm tiêm,Xã,Lần gửi gần nhất"))
                }
                try await client.execute(uri: "/dashboard/csv?table=nothing", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/dashboard?unit=province:79", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok, "a province with no site holds nothing to hide")
                }
                // Revoked: the browser is out at once.
                #expect(try await store.revokeToken(of: "CDC Kiên Giang"))
                try await client.execute(uri: "/dashboard", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .seeOther) }
                #expect(try await store.rotateToken(of: "CDC Kiên Giang") != nil)
                try await client.execute(uri: "/dashboard", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .seeOther, "a new token does not bring the old browser back")
                }
                try await client.execute(uri: "/dashboard/sign-out", method: .post, headers: [.cookie: cookie]) { response in
                    #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
                }
                #expect(try await store.rows(CentralQuery("SELECT COUNT(*) FROM dashboard_session")).first?[0].int == 0)
                // Signing out ends the session at the centre, not only in the browser.
                var again = ""
                try await client.execute(uri: "/dashboard/sign-in", method: .post, headers: formHeaders,
                                         body: Self.form(try #require(try await store.rotateToken(of: "CDC Kiên Giang")))) { response in
                    again = String((response.headers[.setCookie] ?? "").split(separator: ";")[0])
                }
                try await client.execute(uri: "/dashboard/sign-out", method: .post, headers: [.cookie: again]) { _ in }
                try await client.execute(uri: "/dashboard", method: .get, headers: [.cookie: again]) { #expect($0.status == .seeOther) }
            }
        }
    }
}
