import AsyncHTTPClient
import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore
import VaxSync

/// People registered ahead: a commune's list sent to the centre, given to the site at its pull, shown
/// at check-in with the slot, counted on the dashboard slot by slot, and the day's no-shows listed at
/// close-out.
@Suite("Registrations and appointments", .serialized)
struct RegistrationTests {
    @Test("a commune's list at the centre: each row checked, a row that cannot be read refused by its line, registering again moves the slot",
          arguments: SyncTests.Storage.allCases)
    func registeredAndPulled(storage: SyncTests.Storage) async throws {
        let directory = TemporaryDirectory("registrations-\(storage)")
        let postgres = storage == .postgres ? try PostgresServer() : nil
        let central = try CentralServer(in: directory, postgres: postgres?.url)
        let site = try OnePersonTests.Site("site-B", central, in: directory)
        let other = try central.addSite("site-C", ["--province", "79", "--district", "760"])
        let district = try central.addOfficer("TTYT Rạch Giá", ["--district", "899"])
        let elsewhere = try central.addOfficer("TTYT Quận 1", ["--district", "760"])
        try central.start()
        defer { central.stop() }

        let today = LocalDate(Date(), in: LocalDay.vietnam)
        let (day, yesterday) = (today.shown, today.adding(days: -1).shown)
        let list = """
            STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Số điện thoại;Xã/phường;Nhóm ưu tiên;Ngày hẹn;Khung giờ\r
            1;Phạm Văn Toàn;12/03/1961;Nam;091061000123;0912 111 222;P. An Hòa;Người trên 60 tuổi;\(day);07:30-09:00\r
            2;Lê Thị Hoa;1975;Nữ;;0987.333.444;P. An Hòa;;\(day);09:00-10:30\r
            3;Ngô Văn Bảy;31/02/1980;Nam;;;P. An Hòa;;\(day);07:30-09:00\r
            4;Đỗ Thị Tư;05/05/1990;Nữ;;;P. An Hòa;;\(yesterday);07:30-09:00\r
            5;Trần Văn Năm;1/1/1970;Nam;;;P. An Hòa;;\(day);\r
            """
        let url = central.baseURL + "/registrations?site=site-B"
        let csv = ["Content-Type": "text/csv"]
        let sent = try await SyncTests.post(url, token: district, body: Data(list.utf8), headers: csv)
        #expect(sent.status == 200, "\(sent.body)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(sent.body.utf8)) as? [String: Any])
        #expect(answer["accepted"] as? Int == 2, "\(sent.body)")
        let refused = (answer["refused"] as? [[String: Any]]) ?? []
        #expect(refused.compactMap { $0["line"] as? Int } == [4, 5, 6], "each refused row by its line: \(sent.body)")
        #expect(sent.body.contains("roster.badBirthDate") && sent.body.contains("registration.pastDay")
                && sent.body.contains("registration.missingSlot"), "\(sent.body)")

        // Registered again, by JSON, for another slot: moved, not a second appointment.
        let again = #"{"registrations": [{"fullName": "Phạm Văn Toàn", "birthDate": "1961-03-12", "sex": "male", "identityNumber": "091061000123", "day": "\#(today.stored)", "slot": "09:00-10:30"}]}"#
        let moved = try await SyncTests.post(central.baseURL + "/registrations", token: site.token, body: Data(again.utf8))
        #expect(moved.status == 200 && moved.body.contains(#""accepted":1"#), "\(moved.body)")
        // Nobody registers people for another area's site, nor a site for another.
        #expect(try await SyncTests.post(url, token: elsewhere, body: Data(list.utf8), headers: csv).status == 403)
        #expect(try await SyncTests.post(url, token: other, body: Data(list.utf8), headers: csv).status == 403)
        #expect(try await SyncTests.post(central.baseURL + "/registrations?site=site-B", token: district,
                                         body: Data("Họ và tên;Ngày sinh;Giới tính\r\nA;1990;Nam\r\n".utf8), headers: csv).status == 400,
                "a list without its day and slot")

        // The site's pull files them: on the roster, with the slot; nothing queued.
        let pending = try site.database.pendingOutboxCount()
        let pulled = try Puller(database: site.database, transport: HTTPTransport(baseURL: central.baseURL + "/fhir", token: site.token))
            .pull()
        #expect(pulled.registrations == 2, "\(pulled)")
        let toan = try #require(try site.found("toan 1961").first)
        #expect(toan.slotToday == "09:00-10:30" && toan.person.identityNumber == "091061000123")
        #expect(try site.found("hoa 1975").first?.slotToday == "09:00-10:30")
        #expect(try site.database.pendingOutboxCount() == pending)
        #expect(try central.command(["access-log", "--who", "site-B"]).contains("registrations"))

        // Toàn comes; Hoa does not. The dashboard counts by slot; the close-out lists her.
        let lead = try #require(try site.database.staff().first { $0.role == .siteLead }).id
        _ = try site.database.checkIn(personID: toan.person.id, catalog: SyncTests.catalog, by: site.nurse, at: Date())
        let board = try #require(try site.database.dashboard(by: lead))
        #expect(board.slots == [SlotAttendance(slot: "09:00-10:30", registered: 2, arrived: 1)])
        let report = try site.database.sessionReport()
        #expect(report.registered == 2 && report.noShows.map(\.name) == ["Lê Thị Hoa"] && report.noShows.first?.phone == "0987333444")

        // Hoa cancels at the commune: the next pull takes her appointment away (she stays on the roster, once).
        let given = try await SyncTests.get(central.baseURL + "/registrations", token: site.token)
        let hoa = try #require(try JSONDecoder().decode(RegistrationList.self, from: Data(given.body.utf8)).registrations
            .first { $0.fullName == "Lê Thị Hoa" })
        var cancel = HTTPClientRequest(url: central.baseURL + "/registrations/\(hoa.id)")
        cancel.method = .DELETE
        cancel.headers.add(name: "Authorization", value: "Bearer \(elsewhere)")
        #expect(try await HTTPClient.shared.execute(cancel, timeout: .seconds(10)).status.code == 404, "not another area's")
        cancel.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(district)")
        #expect(try await HTTPClient.shared.execute(cancel, timeout: .seconds(10)).status.code == 200)
        _ = try Puller(database: site.database, transport: HTTPTransport(baseURL: central.baseURL + "/fhir", token: site.token)).pull()
        #expect(try site.found("hoa 1975").map(\.slotToday) == [nil])
        #expect(try site.database.dashboard(by: lead)?.slots == [SlotAttendance(slot: "09:00-10:30", registered: 1, arrived: 1)])
    }
}
