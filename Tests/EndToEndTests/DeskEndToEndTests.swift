import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// The real binary in real terminals: two desks at 80×24 share one site database, and one person goes
/// through every station while the other desk watches.
@Suite("Desks in tmux", .serialized)
struct DeskEndToEndTests {
    /// A demo site with a small roster plus one person the test knows by name.
    static func site(in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("site.db")
        let (status, _) = try BuiltProgram.run(["demo", "--db", path, "--people", "300", "--setup-only"])
        #expect(status == 0)
        let database = try AppDatabase(path: path)
        try database.insertRoster([RosterEntry(person: Person(
            fullName: "Nguyễn Thị Hồng Nhung", birthDate: BirthDate(year: 1990, month: 5, day: 19)!, sex: .female,
            identityNumber: "091190004321", commune: "P. Vĩnh Lạc"))], source: .roster, at: Date())
        return path
    }

    /// The demo staff as the sign-in list orders them (by the stations their roles work at), with the
    /// PINs `vaxdesk demo` prints.
    enum DemoStaff: Int {
        case lan = 0, ngoc, hung, ha, hong, khoa, mai, tam

        var pin: String { ["1111", "2222", "3333", "4444", "5555", "6666", "7777", "2468"][rawValue] }
        var name: String {
            ["Nguyễn Thị Lan", "Trần Thị Bích Ngọc", "Lê Văn Hùng", "Phạm Thị Thu Hà", "Võ Thị Hồng", "Đặng Minh Khoa",
             "Bùi Thị Mai", "Huỳnh Văn Tâm"][rawValue]
        }
    }

    /// Signs in from the list with a PIN, and waits for the station picker.
    static func signIn(_ desk: TmuxDesk, as member: DemoStaff) throws {
        try desk.expect("Đăng nhập bàn làm việc")
        // The site lead is last on the list however many join it.
        if member == .tam { try desk.press("End") } else { for _ in 0..<member.rawValue { try desk.press("Down") } }
        try desk.press("Enter")
        try desk.expect("Mã PIN:")
        try desk.type(member.pin)
        try desk.press("Enter")
        try desk.expect("Xin chào, \(member.name)")
    }

    /// Signs in as the first check-in nurse and opens the check-in station.
    static func signInAtCheckIn(_ desk: TmuxDesk) throws {
        try signIn(desk, as: .lan)
        try desk.press("Enter")
        try desk.expect("Tìm:")
    }

    /// Signs in as the site lead, last on the list, and waits for the station picker.
    static func signInAsSiteLead(_ desk: TmuxDesk) throws {
        try signIn(desk, as: .tam)
    }

    /// F9 signs the person at the desk out; `member` signs in and opens their own station.
    static func switchUser(_ desk: TmuxDesk, to member: DemoStaff) throws {
        try desk.press("F9")
        try signIn(desk, as: member)
        try desk.press("Enter")
    }

    /// The desk command, followed by what the terminal looks like once it has exited.
    static func deskCommand(_ path: String, _ options: String = "") -> String {
        "\(BuiltProgram.vaxdesk) --db \(path) \(options); stty -a | grep -oE '(^| )-?echo( |$)' | head -1 | sed 's/^/tty:/'; echo EXITED; sleep 30"
    }

    @Test("one person through every station, seen live from a second desk")
    func wholeVisit() throws {
        let directory = TemporaryDirectory("e2e")
        let path = try Self.site(in: directory)
        let checkIn = try TmuxDesk(Self.deskCommand(path), name: "checkin")
        let clinic = try TmuxDesk(Self.deskCommand(path), name: "clinic")

        // Desk 1: the check-in nurse (first on the list) finds the person without diacritics.
        try Self.signInAtCheckIn(checkIn)
        try checkIn.type("nhung hong")
        let results = try checkIn.expect("Nguyễn Thị Hồng Nhung")
        #expect(results.contains("19/05/1990"))
        #expect(results.contains("•••4321"), "the identity number is masked in the list")
        try checkIn.press("Enter")
        let confirm = try checkIn.expect("mũi 1 (cơ bản)")
        #expect(confirm.contains("Xác nhận đúng người"))
        #expect(confirm.contains("…4321"))
        try checkIn.press("Enter")
        let ticket = try checkIn.expect("SỐ THỨ TỰ: 1")
        #expect(ticket.contains("Mời sang bàn khám sàng lọc."))

        // Desk 2: the screening doctor sees her in the queue without any key pressed.
        try Self.signIn(clinic, as: .hung)
        try clinic.press("Enter")
        let queue = try clinic.expect("Nguyễn Thị Hồng Nhung")
        #expect(queue.contains("Chờ khám sàng lọc: 1 người"))
        try clinic.press("Enter")
        // The signs first, each field going on by itself, then every item asked (she is asked 4a/4b):
        // allergy (7) Có, the rest Không.
        try clinic.expect("Dấu hiệu sống")
        for value in ["36,6", "76", "118", "76", "16"] { try clinic.type(value) }
        let asked = try clinic.expect("Còn 10 mục chưa hỏi")
        #expect(asked.contains("[     ]  4a") && asked.contains("Sinh hiệu: 36,6 °C · mạch 76 · HA 118/76 · thở 16"))
        try clinic.press("k", "k", "k", "k", "k", "k", "k", "c", "F5")
        let conclude = try clinic.expect("Lưu kết quả khám sàng lọc")
        #expect(conclude.contains("Theo mục: 7"), "allergy, the item answered Có")
        #expect(conclude.contains("Theo phiếu:     Nhóm thận trọng khi tiêm chủng"))
        #expect(conclude.contains("[ ] Người được tiêm đã đồng ý tiêm (F4)"))
        try clinic.press("Enter")
        try clinic.expect("Hãy hỏi và ghi sự đồng ý tiêm")
        try clinic.press("F4", "Enter")
        try clinic.expect("Đã lưu khám sàng lọc số 1")

        // Same desk, the vaccinator signs in: the caution flag follows her.
        try Self.switchUser(clinic, to: .hong)
        try clinic.expect("Chờ tiêm: 1 người")
        try clinic.press("Enter")
        let prepare = try clinic.expect("chưa mở lọ: F3 để mở")
        #expect(prepare.contains("⚠ Nhóm thận trọng"))
        // The first dose of the day: open a vial of the lot (AstraZeneca first on the list: ten doses).
        try clinic.press("F3")
        try clinic.expect("lọ: còn 10/10 liều · hủy sau 5:59:")
        try clinic.press("p", "Enter")
        let identity = try clinic.expect("Xác nhận trước khi tiêm")
        #expect(identity.contains("Tay phải"))
        #expect(identity.contains("Số 1 · Nguyễn Thị Hồng Nhung · 19/05/1990 · Nữ · •••4321"))
        try clinic.press("Enter")
        try clinic.expect("Đã ghi nhận tiêm cho số 1")

        // Observation: a live countdown of 60 minutes (caution group); leaving early needs a reason.
        try Self.switchUser(clinic, to: .mai)
        let board = try clinic.expect("Đang theo dõi: 1 người")
        #expect(board.contains("⚠ Nguyễn Thị Hồng Nhung"))
        #expect(board.contains(" 59:5") || board.contains(" 60:00"), "a 60-minute countdown: \(board)")
        try clinic.press("Enter")
        try clinic.expect("Chưa đủ thời gian theo dõi")
        try clinic.press("Enter")
        try clinic.expect("Phải ghi lý do cho về sớm.")
        try clinic.type("Người nhà đưa về")
        try clinic.press("Enter")
        try clinic.expect("Số 1 đã được cho về.")

        // Back on desk 1: her row now shows today's ticket, and the outbox counts every event.
        try checkIn.press("Enter")
        try checkIn.type("nhung")
        try checkIn.expect("Nguyễn Thị Hồng Nhung      19/05/1990 Nữ  •••4321 P. Vĩnh Lạc        Số 1")
        try checkIn.expect("Chờ gửi: 6")

        // Quitting gives the terminal back with echo on.
        try clinic.press("F10")
        let exited = try clinic.expect("EXITED")
        #expect(exited.contains("tty: echo"))
        #expect(!exited.contains("VaxDesk ·"))
        try checkIn.press("F10")
        #expect(try checkIn.waitFor("EXITED") != nil)
    }

    @Test("a scanner typing a CCCD card's QR finds the holder and shows what differs from the roster")
    func cardScan() throws {
        let directory = TemporaryDirectory("e2e-scan")
        let path = try Self.site(in: directory)
        let desk = try TmuxDesk(Self.deskCommand(path), name: "scan")
        try Self.signInAtCheckIn(desk)
        try desk.type("091190004321||Nguyễn Thị Hồng Nhung|19051991|Nữ|8 Mạc Cửu, Rạch Giá, Kiên Giang|02072021")
        try desk.press("Enter")
        let confirm = try desk.expect("Thẻ và danh sách khác nhau")
        #expect(confirm.contains("Ngày sinh: thẻ 19/05/1991, danh sách 19/05/1990"))
        #expect(confirm.contains("Họ và tên:  Nguyễn Thị Hồng Nhung"))
        try desk.press("F10")
    }

    @Test("a card nobody on the roster holds: the walk-in form is filled from it, saved, and checked in")
    func walkInFromCard() throws {
        let directory = TemporaryDirectory("e2e-walkin")
        let path = try Self.site(in: directory)
        let desk = try TmuxDesk(Self.deskCommand(path), name: "walkin")
        try Self.signInAtCheckIn(desk)
        try desk.type("079188001234|025123456|Trương Thị Kim Oanh|14021988|Nữ|25 Nguyễn Trãi, Rạch Giá|10062021")
        try desk.press("Enter")
        try desk.expect("Thẻ CCCD 079188001234 (Trương Thị Kim Oanh) không có trong danh sách.")
        try desk.press("F3")
        let form = try desk.expect("Đã điền từ thẻ CCCD")
        #expect(form.contains("Trương Thị Kim Oanh"))
        #expect(form.contains("14/02/1988"))
        #expect(form.contains("25 Nguyễn Trãi, Rạch Giá"))
        // The cursor waits on the first empty field, the phone; a wrong one says what to fix.
        try desk.type("0912")
        try desk.press("Enter")
        try desk.expect("✗ Số điện thoại phải có 10 chữ số")
        try desk.type("345678")
        try desk.press("Enter")
        let confirm = try desk.expect("mũi 1 (cơ bản)")
        #expect(confirm.contains("Họ và tên:  Trương Thị Kim Oanh"))
        #expect(!confirm.contains("khác nhau"), "the card and the new record agree")
        try desk.press("Enter")
        try desk.expect("SỐ THỨ TỰ: 1")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)

        let database = try AppDatabase(path: path)
        let found = try database.searchRoster(RosterQuery("079188001234"))
        #expect(found.map(\.person.phone) == ["0912345678"])
        #expect(found.first?.ticketToday == 1)
        // The canary: her name, number and phone are in the database, owner-only, and in no log.
        let log = try String(contentsOfFile: directory.file("vaxdesk.log"), encoding: .utf8)
        #expect(!log.isEmpty)
        for secret in ["Oanh", "Trương", "079188001234", "0912345678", "001234"] {
            #expect(!log.contains(secret), "the log holds «\(secret)»")
        }
        for file in ["site.db", "site.db-wal", "vaxdesk.log"] {
            let mode = try FileManager.default.attributesOfItem(atPath: directory.file(file))[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file) is \(String(mode ?? 0, radix: 8))")
        }
    }

    @Test("a dose before its interval is refused at the desk; the site lead overrides it with a reason")
    func tooEarly() throws {
        let directory = TemporaryDirectory("e2e-early")
        let path = try Self.site(in: directory)
        let database = try AppDatabase(path: path)
        let nhung = try #require(try database.searchRoster(RosterQuery("nhung 1990")).first).person
        let tenDaysAgo = LocalDay.of(Date().addingTimeInterval(-10 * 86_400))
        try database.addPriorDose(PriorDose(doseNumber: 1, productCode: "pfizer", givenOn: tenDaysAgo),
                                  personID: nhung.id, source: "roster", at: Date())
        let desk = try TmuxDesk(Self.deskCommand(path), name: "early")
        try Self.signInAtCheckIn(desk)
        try desk.type("nhung hong")
        try desk.expect("Nguyễn Thị Hồng Nhung")
        try desk.press("Enter")
        let refused = try desk.expect("✗ Quá sớm: tiêm được từ")
        #expect(refused.contains("mũi 2 (cơ bản)"))
        #expect(refused.contains("Vắc xin được dùng: Pfizer, Moderna"))
        try desk.press("Enter")
        try desk.expect("Quá sớm: tiêm được từ")
        #expect(try database.searchRoster(RosterQuery("nhung 1990")).first?.ticketToday == nil, "no ticket")
        try desk.press("F6")
        try desk.expect("Chỉ trưởng điểm được cho phép")

        // The site lead signs in at the same desk and allows it, with a reason.
        try desk.press("Escape", "F9")
        try Self.signInAsSiteLead(desk)
        try desk.press("1", "Enter")
        try desk.type("nhung hong")
        try desk.expect("Nguyễn Thị Hồng Nhung")
        try desk.press("Enter")
        try desk.expect("✗ Quá sớm")
        try desk.press("F6")
        try desk.expect("Trưởng điểm cho phép tiêm")
        try desk.type("Đi công tác nước ngoài dài ngày")
        try desk.press("Enter")
        try desk.expect("SỐ THỨ TỰ: 1")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }

    @Test("the site lead imports a list from the desk: progress, summary, refused rows beside the file")
    func importFromDesk() throws {
        let directory = TemporaryDirectory("e2e-import")
        let path = try Self.site(in: directory)
        let csv = directory.file("danh-sach.csv")
        try """
            STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD/CMND;Số điện thoại
            1;phan thị   thu thảo;3/4/1979;Nữ;091179004567;+84 912 000 111
            2;Võ Minh Khôi;1960;Nam;;
            3;Lâm Văn Tỷ;31/02/1970;Nam;;

            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let desk = try TmuxDesk(Self.deskCommand(path), name: "import")
        try Self.signInAsSiteLead(desk)
        try desk.press("F5")
        try desk.expect("Nhập danh sách đối tượng từ tệp CSV")
        try desk.type(csv)
        try desk.press("Enter")
        let done = try desk.expect("Đã nhập danh sách")
        #expect(done.contains("Thêm mới:      2"))
        #expect(done.contains("Bị từ chối:    1"))
        #expect(done.contains("danh-sach-errors.csv"))
        let errors = try String(contentsOfFile: directory.file("danh-sach-errors.csv"), encoding: .utf8)
        #expect(errors.contains("31/02/1970"))
        // The new people are found at check-in, their names put right.
        try desk.press("Enter", "Escape")
        try desk.expect("Chọn bàn làm việc")
        try desk.press("1", "Enter")
        try desk.type("thao 1979")
        try desk.expect("Phan Thị Thu Thảo")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }

    @Test("a vial runs out and a new one is opened; a vial past its discard time is refused and discarded")
    func vials() throws {
        let directory = TemporaryDirectory("e2e-vials")
        let path = try Self.site(in: directory)
        let work = try SiteWork(path: path)
        let database = work.database
        // Two people cleared for injection, through the same store operations as the desks.
        let people = try database.rosterPeople(first: 40).filter {
            DoseEligibility(after: try database.doseHistory(personID: $0.id), catalog: work.catalog).lastProduct == nil
        }.prefix(2)
        for person in people { _ = try work.cleared(person) }
        let desk = try TmuxDesk(Self.deskCommand(path), name: "vials")
        try Self.signIn(desk, as: .hong)
        try desk.press("Enter")
        try desk.expect("Chờ tiêm: 2 người")
        try desk.press("Enter")
        try desk.expect("chưa mở lọ: F3 để mở")
        try desk.press("Down", "F3")
        try desk.expect("lọ: còn 6/6 liều")
        // To reach its last dose without five more people, the vial is made a one-dose vial in the file.
        let vial = try #require(try database.sessionVials().first)
        try SQLiteShell.text(path, "UPDATE vial SET doses_per_vial = 1 WHERE id = '\(vial.id.uuidString)'")
        try desk.press("Escape", "Enter")
        try desk.expect("lọ: còn 1/1 liều")
        try desk.press("Enter")
        try desk.expect("Xác nhận trước khi tiêm")
        try desk.press("Enter")
        try desk.expect("Đã ghi nhận tiêm cho số 1")
        // The vial is empty: the next person needs a new one.
        try desk.press("Enter")
        let empty = try desk.expect("chưa mở lọ: F3 để mở")
        #expect(!empty.contains("còn 0/"))
        try desk.press("F3")
        try desk.expect("lọ: còn 6/6 liều")
        // Past its discard time (the clock moved on): refused, then discarded with its doses wasted.
        let fresh = try #require(try database.sessionVials().first { $0.closedAt == nil })
        try SQLiteShell.text(path, "UPDATE vial SET discard_due = '2020-01-01 00:00:00.000' WHERE id = '\(fresh.id.uuidString)'")
        try desk.press("Escape", "Enter")
        try desk.expect("⚠ lọ quá giờ hủy")
        try desk.press("Enter")
        try desk.expect("Lọ đã quá giờ hủy: F4 để hủy lọ")
        try desk.press("F4")
        try desk.expect("Số liều còn lại bị hủy: 6")
        try desk.press("Enter")
        try desk.expect("Đã hủy lọ; 6 liều ghi là hao hủy.")
        let balance = VialBalance(try database.sessionVials())
        #expect(balance.opened == 2 && balance.given == 1 && balance.wasted == 6 && balance.isBalanced)
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }

    @Test("an anaphylaxis recorded at observation stops the site lead's desk until acknowledged")
    func anaphylaxisAlert() throws {
        let directory = TemporaryDirectory("e2e-aefi")
        let path = try Self.site(in: directory)
        // Nhung through check-in, screening and injection, by the store operations the desks use.
        let work = try SiteWork(path: path)
        _ = try work.injected(try work.nhung())

        let lead = try TmuxDesk(Self.deskCommand(path), name: "lead")
        try Self.signInAsSiteLead(lead)
        let nurse = try TmuxDesk(Self.deskCommand(path), name: "observer")
        try Self.signIn(nurse, as: .mai)
        try nurse.press("Enter")
        try nurse.expect("Nguyễn Thị Hồng Nhung")
        try nurse.press("F3")
        try nurse.expect("Ghi nhận phản ứng sau tiêm")
        try nurse.type("Khó thở, nổi mẩn toàn thân")
        try nurse.press("Tab", "Tab")
        try nurse.type("2")
        try nurse.press("Tab")
        try nurse.type("Adrenalin 0,5 mg tiêm bắp")
        try nurse.press("Enter")
        try nurse.expect("Đã ghi PHẢN ỨNG NẶNG")
        // The site lead's desk, another process, stops on it within a second.
        let alert = try lead.expect("PHẢN ỨNG NẶNG SAU TIÊM")
        #expect(alert.contains("Phản vệ độ II: dùng hộp chống sốc, báo cấp cứu."))
        #expect(alert.contains("Nguyễn Thị Hồng Nhung"))
        try lead.press("Enter")
        try lead.expect("Chọn bàn làm việc")
        // Acknowledged: the banner leaves every desk.
        #expect(try nurse.waitFor("PHẢN ỨNG NẶNG ·", absent: true) != nil)
        try lead.press("F10")
        try nurse.press("F10")
        #expect(try nurse.waitFor("EXITED") != nil)
    }

    @Test("discharge shows the certificate; its QR code, read off the screen by zbarimg, is the record reference")
    func certificate() throws {
        let directory = TemporaryDirectory("e2e-certificate")
        let path = try Self.site(in: directory)
        // Injected 31 minutes ago, by the store operations the desks use: due for discharge.
        let work = try SiteWork(path: path)
        let injectionID = try work.injected(try work.nhung(), at: Date().addingTimeInterval(-31 * 60))

        let desk = try TmuxDesk(Self.deskCommand(path), name: "certificate")
        try Self.signIn(desk, as: .mai)
        try desk.press("Enter")
        try desk.expect("✓ Đủ giờ")
        try desk.press("Enter", "Enter")
        let page = try desk.expect("GIẤY XÁC NHẬN ĐÃ TIÊM VẮC XIN COVID-19")
        #expect(page.contains("Họ và tên: Nguyễn Thị Hồng Nhung"))
        #expect(page.contains("Số CCCD/CMND: 091190004321"))
        #expect(page.contains("Mũi 1 · ") && page.contains("Pfizer · lô FK5127"))
        #expect(try ScreenQRCode.decode(page, in: directory) == injectionID.uuidString)
        try desk.press("F5")
        let saved = try desk.expect("Đã lưu giấy xác nhận")
        let file = directory.file("certificates/\(injectionID.uuidString).txt")
        #expect(saved.contains("certificates/"))
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("Nguyễn Thị Hồng Nhung") && text.contains("ký tên, đóng dấu"))
        try desk.press("Enter", "F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }

    @Test("a deferral at screening: the person leaves with a note of why and when to come back")
    func deferral() throws {
        let directory = TemporaryDirectory("e2e-deferral")
        let path = try Self.site(in: directory)
        let desk = try TmuxDesk(Self.deskCommand(path), name: "deferral")
        try Self.signInAtCheckIn(desk)
        try desk.type("nhung hong")
        try desk.expect("Nguyễn Thị Hồng Nhung")
        try desk.press("Enter")
        try desk.expect("mũi 1 (cơ bản)")
        try desk.press("Enter")
        try desk.expect("SỐ THỨ TỰ: 1")
        try desk.press("Enter")
        try Self.switchUser(desk, to: .hung)
        let queue = try desk.expect("Chờ khám sàng lọc: 1 người · tiếp theo: số 1")
        #expect(queue.contains("Nguyễn Thị Hồng Nhung"))
        try desk.press("Enter")
        try desk.expect("Dấu hiệu sống")
        for value in ["37,2", "84", "126", "82", "18"] { try desk.type(value) }
        try desk.expect("3802/QĐ-BYT")
        try desk.press("k", "k", "c", "F5")
        try desk.expect("Theo phiếu:     Trì hoãn tiêm chủng")
        try desk.press("Enter")
        let note = try desk.expect("Giấy báo cho người đến tiêm")
        #expect(note.contains("Mục 3: Đang mắc bệnh cấp tính"))
        #expect(note.contains("→ Quay lại khi đã khỏi bệnh cấp tính."))
        try desk.press("Enter")
        try desk.expect("Chờ khám sàng lọc: 0 người")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
        // The deferral is on record, queued for the central service (a not-done immunization there).
        let database = try AppDatabase(path: path)
        #expect(try database.stageCounts() == [.deferred: 1])
    }

    @Test("staff imported, yesterday's session closed, a new one opened with its team and lots, run, and closed from the dashboard")
    func sessionLifecycle() throws {
        let directory = TemporaryDirectory("e2e-session")
        let path = try Self.site(in: directory)
        let staffFile = directory.file("nhan-vien.csv")
        try """
            Mã,Họ và tên,Vai trò
            dd09,lê thị   kim,Điều dưỡng tiếp đón
            TI09,Phan Văn Út,tiêm chủng viên
            XX01,Ai Đó,bảo vệ

            """.write(toFile: staffFile, atomically: true, encoding: .utf8)
        let lead = "2468\n"
        #expect(try BuiltProgram.run(["import", "staff", staffFile, "--db", path, "--by", "DD01"], input: "1111\n").status != 0,
                "only a site lead imports staff")
        let imported = try BuiltProgram.run(["import", "staff", staffFile, "--db", path, "--by", "PT01"], input: lead)
        #expect(imported.output.contains("Nhân viên: thêm 2, cập nhật 0, từ chối 1."))
        // Each new member's first PIN is printed once.
        let kimPIN = try #require(imported.output.split(separator: "\n").first { $0.contains("DD09:") }?
            .split(separator: " ").first { $0.count == 6 && $0.allSatisfy(\.isNumber) })
        #expect(try BuiltProgram.run(["session", "close", "--db", path, "--by", "PT01"], input: lead).status == 0)
        let opened = try BuiltProgram.run([
            "session", "open", "--db", path, "--by", "PT01", "--place", "Nhà văn hóa khu phố 3",
            "--lot", "Comirnaty:FK9001:30/06/2027:300", "--team", "DD09,TI09,BS01,TD01", "--planned", "150",
        ], input: lead)
        #expect(opened.status == 0 && opened.output.contains("với 1 lô vắc xin"))
        #expect(try BuiltProgram.run(["session", "list", "--db", path]).output.split(separator: "\n").count == 2)
        // The new check-in nurse checks Nhung in at the new session.
        let desk = try TmuxDesk(Self.deskCommand(path), name: "session")
        try desk.expect("Lê Thị Kim")
        try desk.press("Down", "Down", "Enter")
        try desk.expect("Mã PIN:")
        try desk.type(String(kimPIN))
        try desk.press("Enter")
        try desk.expect("Xin chào, Lê Thị Kim")
        try desk.press("Enter")
        try desk.type("nhung hong")
        try desk.expect("Nguyễn Thị Hồng Nhung")
        try desk.press("Enter", "Enter")
        try desk.expect("SỐ THỨ TỰ: 1")
        // The site lead's dashboard shows it; closing, she is still waiting for screening: the site lead
        // says why she goes home without a dose, and the session closes with her counted.
        try desk.press("Enter", "F9")
        try Self.signInAsSiteLead(desk)
        try desk.press("F6")
        let board = try desk.expect("Nhà văn hóa khu phố 3")
        #expect(board.contains("Tiếp đón 1 · chờ khám 1 · chờ tiêm 0"))
        #expect(board.contains("Pfizer FK9001: đã tiêm 0 · hủy 0 · còn 300 liều"))
        try desk.press("F7")
        try desk.expect("Còn đang chờ: 1 người chờ khám, 0 người chờ tiêm.")
        try desk.type("Hết giờ buổi tiêm")
        try desk.press("Enter")
        try desk.expect("Đã đóng buổi tiêm")
        try desk.expect("Chưa có buổi tiêm nào đang mở.")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
        let report = try BuiltProgram.run(["report", "session", "--db", path, "--by", "PT01"], input: lead)
        #expect(report.output.contains("Nhà văn hóa khu phố 3 · đã đóng"))
        #expect(report.output.contains("Đã tiếp đón: 1"))
        #expect(report.output.contains("Về không tiêm (còn chờ khi đóng buổi): chờ khám 1, chờ tiêm 0"))
    }

    @Test("an idle desk locks itself and shows nobody's data; the same PIN gives the screen back, another person starts afresh")
    func idleLock() throws {
        let directory = TemporaryDirectory("e2e-lock")
        let path = try Self.site(in: directory)
        let desk = try TmuxDesk(Self.deskCommand(path, "--idle-lock 3s"), name: "lock")
        try Self.signInAtCheckIn(desk)
        try desk.type("nhung hong")
        try desk.press("Enter")
        try desk.expect("Xác nhận đúng người")

        // Left alone, the desk locks: no name, no number, not even the nurse's search.
        let locked = try desk.expect("Bàn đã khóa vì để lâu không dùng", timeout: 15)
        for secret in ["Hồng Nhung", "4321", "19/05/1990", "nhung hong"] {
            #expect(!locked.contains(secret), "the locked screen shows \(secret)")
        }
        #expect(locked.contains("Nguyễn Thị Lan (DD01)"), "whose desk it was")

        // A wrong PIN is told, counted, and changes nothing.
        try desk.type("9999")
        try desk.press("Enter")
        try desk.expect("Sai mã PIN. Còn 4 lần thử")

        // Her PIN: the screen she left, the person still on it.
        try desk.type("1111")
        try desk.press("Enter")
        let back = try desk.expect("Xác nhận đúng người")
        #expect(back.contains("Nguyễn Thị Hồng Nhung"))

        // Locked again, someone else takes the desk: Esc, the list, their own PIN, the station picker.
        try desk.expect("Bàn đã khóa", timeout: 15)
        try desk.press("Escape")
        try Self.signIn(desk, as: .hung)
        let picker = try desk.expect("Chọn bàn làm việc")
        #expect(!picker.contains("Hồng Nhung"))
        #expect(picker.contains("1. Tiếp đón  — không thuộc vai trò của bạn"))
        try desk.press("Enter")
        try desk.expect("Lê Văn Hùng")

        // The audit trail has both sign-ins and the wrong PIN.
        let database = try AppDatabase(path: path)
        let lead = try #require(try database.staff().first { $0.code == "PT01" })
        let trail = try database.auditTrail(limit: 20, by: lead.id)
        #expect(trail.filter { $0.action == "sign-in" }.compactMap(\.staffCode).sorted() == ["BS01", "DD01", "DD01"])
        #expect(trail.contains { $0.action == "sign-in-failed" && $0.staffCode == "DD01" })
        try desk.press("F10")
    }

    @Test("a terminal below 80×24 is told so, and the desk recovers on resize")
    func tooSmall() throws {
        let directory = TemporaryDirectory("e2e-small")
        let path = try Self.site(in: directory)
        let desk = try TmuxDesk(Self.deskCommand(path), name: "small", columns: 60, rows: 20)
        let small = try desk.expect("Cửa sổ quá nhỏ")
        #expect(small.contains("Cần ít nhất 80×24, hiện có 60×20."))
        try desk.resize(columns: 80, rows: 24)
        try desk.expect("Đăng nhập bàn làm việc")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }

    @Test("SIGTERM and SIGHUP give the terminal back", arguments: ["TERM", "HUP"])
    func signals(signal: String) throws {
        let directory = TemporaryDirectory("e2e-signal")
        let path = try Self.site(in: directory)
        let desk = try TmuxDesk(Self.deskCommand(path), name: "signal")
        try desk.expect("Đăng nhập bàn làm việc")
        let killer = Process()
        killer.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        // Anchored: the shell around the desk has the same words in its command line.
        killer.arguments = ["-\(signal)", "-f", "^\(BuiltProgram.vaxdesk) --db \(path)"]
        try killer.run()
        killer.waitUntilExit()
        let exited = try desk.expect("EXITED")
        #expect(exited.contains("tty: echo"))
    }

    @Test("the English interface on request")
    func english() throws {
        let directory = TemporaryDirectory("e2e-en")
        let path = try Self.site(in: directory)
        let desk = try TmuxDesk("\(BuiltProgram.vaxdesk) --db \(path) --lang en", name: "english")
        let login = try desk.expect("Sign in to this desk")
        #expect(login.contains("Nguyễn Thị Lan"))
        try desk.press("F10")
    }
}
