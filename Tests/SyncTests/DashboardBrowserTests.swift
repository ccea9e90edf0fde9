import Foundation
import Testing
import TestSupport
import VaxCore

/// The dashboard in a real browser: headless Chromium signs in as an officer would (the token typed
/// into the form), loads each page from a running centre, and the test reads the page's text, its
/// figures and their SVG. With VAXDESK_RECORD_SCREENSHOTS=1 the screenshots replace those in docs/.
@Suite("The province's dashboard in Chromium", .serialized)
struct DashboardBrowserTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs")

    @Test("an officer signs in, reads the district's charts with their tables, goes down to a commune, reads Annex 5 and Annex 6; a site's token and another area are refused")
    func dashboard() async throws {
        let directory = TemporaryDirectory("dashboard-browser")
        let central = try CentralServer(in: directory)
        let sites = try ProvinceReportTests.simulatedDistrict(central, in: directory)
        let province = try central.addOfficer("CDC Kiên Giang", ["--province", "91"])
        let elsewhere = try central.addOfficer("TTYT Quận 1", ["--district", "760"])
        let targets = directory.file("targets.csv")
        try Data("Cấp;Mã;Nhóm ưu tiên;Nhóm tuổi;Số đối tượng\r\nhuyện;899;;;1.200\r\nxã;30280;;;500\r\nxã;30281;;;700\r\ntỉnh;91;;;1.200\r\n".utf8)
            .write(to: URL(fileURLWithPath: targets))
        #expect(try central.command(["targets", "import", targets]).contains("4 targets of 4 areas"))
        try central.start()
        defer { central.stop() }
        for site in sites { try await PersonCorrectionSyncTests.push(site.path, central, token: site.token) }
        let day = try SQLiteShell.text(sites[0].path, "SELECT day FROM session LIMIT 1")

        let pages = try Browser.read(central.baseURL, token: province, paths: [
            "/dashboard?unit=province:91&day=\(day)", "/dashboard?unit=district:899&day=\(day)",
            "/dashboard?unit=commune:30280&day=\(day)", "/dashboard/daily?unit=district:899&day=\(day)",
            "/dashboard/annex6?unit=province:91&day=\(day)&lang=en",
        ], in: directory)
        let (overview, district, commune, daily, annex6) = (pages[0], pages[1], pages[2], pages[3], pages[4])
        #expect(overview.title == "Tình hình tiêm chủng: Kiên Giang", "\(overview.url)")
        for page in [overview, district, commune] {
            #expect(page.figures.count == 5, "\(page.url): \(page.figures.map(\.caption))")
            for figure in page.figures {
                #expect(figure.svg == 1 && figure.tables == 1, "every chart is SVG with its numbers beside it: \(figure.caption)")
            }
            #expect(page.figures.first?.bars ?? 0 > 3, "doses drawn, by dose number: \(page.figures.first.map(\.bars) ?? 0)")
        }
        // The district: its communes, each a link down, with coverage against their targets and the sites' last push.
        #expect(district.text.contains("Xã 30280") && district.text.contains("Xã 30281") && district.text.contains("Tỷ lệ mũi 1"))
        #expect(district.links.contains("/dashboard?day=\(day)&lang=vi&unit=commune%3A30280"), "\(district.links)")
        #expect(district.figures[1].bars == 3, "coverage bars of two communes and the district: \(district.figures[1])")
        #expect(district.text.contains("site-0") && district.text.contains("Bản ghi chờ gửi"), "who is behind")
        #expect(commune.title == "Tình hình tiêm chủng: Xã 30280" && commune.text.contains("site-0") && !commune.text.contains("site-1"))
        #expect(commune.text.contains("Kiên Giang") && commune.text.contains("Huyện 899"), "the way back up")
        // Annex 5 as the browser shows it is the centre's report.
        let report = try await SyncTests.get(central.baseURL + "/reports/daily?unit=district:899&day=\(day)", token: province)
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(report.body.utf8)) as? [String: Any])?["rows"] as? [[String: Any]])
        let dose1 = try #require(rows.last?["dose1"] as? Int)
        #expect(daily.title == "Báo cáo ngày (Phụ lục 5): Huyện 899" && daily.text.contains("Từ chối tiêm"))
        #expect(daily.text.contains("Huyện 899\t\(try #require(rows.last?["people"] as? Int))"), "\(daily.text.prefix(600))")
        #expect(dose1 > 0)
        #expect(annex6.title == "End-of-campaign report (Annex 6): Kiên Giang" && annex6.text.contains("Priority group")
                && annex6.text.contains("First doses (COV-1)") && annex6.tables == 3)

        // A site's token does not open the dashboard; an officer of another district sees none of this one.
        let refused = try Browser.read(central.baseURL, token: sites[0].token, paths: ["/dashboard"], in: directory)
        #expect(refused[0].url.contains("/dashboard/sign-in") && refused[0].title.contains("Đăng nhập"), "\(refused[0].url)")
        let outside = try Browser.read(central.baseURL, token: elsewhere, paths: ["/dashboard?unit=district:899"], in: directory)
        #expect(outside[0].title.contains("không thuộc phạm vi") && !outside[0].text.contains("Xã 30280"), "\(outside[0].text)")

        if ProcessInfo.processInfo.environment["VAXDESK_RECORD_SCREENSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.docs, withIntermediateDirectories: true)
            for (page, name) in zip([district, daily, annex6], ["dashboard-district", "dashboard-annex5", "dashboard-annex6"]) {
                let target = Self.docs.appendingPathComponent("\(name).png")
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: URL(fileURLWithPath: page.screenshot), to: target)
            }
        }
    }
}
