import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// What a real queue does at the stations, on the real binary in tmux at 80×24: two doctors calling at
/// once, a scan while a ticket shows.
@Suite("Stations with a real queue", .serialized)
struct StationFlowTests {
    typealias Desks = DeskEndToEndTests

    @Test("two screening doctors call at once: each gets a different person, and sees who the other called")
    func twoDoctors() throws {
        let directory = TemporaryDirectory("e2e-two-doctors")
        let path = try Desks.site(in: directory)
        let work = try SiteWork(path: path)
        let people = try work.database.rosterPeople(first: 2)
        for person in people {
            _ = try work.database.checkIn(personID: person.id, catalog: work.catalog, by: work.member(.checkInNurse).id, at: Date())
        }
        let first = try TmuxDesk(Desks.deskCommand(path), name: "doctor-1")
        let second = try TmuxDesk(Desks.deskCommand(path), name: "doctor-2")
        for (desk, doctor) in [(first, Desks.DemoStaff.hung), (second, .ha)] {
            try Desks.signIn(desk, as: doctor)
            try desk.press("Enter")
            try desk.expect("Chờ khám sàng lọc: 2 người")
        }
        // Both on ticket 1; the first calls it. The second desk's list moves on to ticket 2 by itself.
        try first.press("Enter")
        try first.expect("Dấu hiệu sống")
        let claimed = try second.expect("đang ở BS01")
        #expect(claimed.contains("tiếp theo: số 2"), "\(claimed)")
        try second.press("Enter")
        let called = try second.expect("Dấu hiệu sống")
        #expect(called.contains(people[1].fullName) && !called.contains(people[0].fullName), "\(called)")
        try first.press("F10")
        try second.press("F10")
        #expect(try second.waitFor("EXITED") != nil)
    }

    @Test("a card scanned while the last ticket shows starts the next person's look-up: nothing is lost")
    func scanWhileTicketShows() throws {
        let directory = TemporaryDirectory("e2e-scan-ticket")
        let path = try Desks.site(in: directory)
        let database = try AppDatabase(path: path)
        try database.insertRoster([RosterEntry(person: Person(
            fullName: "Trương Văn Quét", birthDate: BirthDate(year: 1978, month: 2, day: 14)!, sex: .male,
            identityNumber: "091078001122", commune: "P. Vĩnh Lạc"))], source: .roster, at: Date())
        let desk = try TmuxDesk(Desks.deskCommand(path), name: "scan-ticket")
        try Desks.signInAtCheckIn(desk)
        try desk.type("nhung 1990")
        try desk.expect("Nguyễn Thị Hồng Nhung")
        try desk.press("Enter")
        try desk.expect("Xác nhận đúng người")
        try desk.press("Enter")
        try desk.expect("SỐ THỨ TỰ: 1")
        // The next person's card, scanned at once, with the scanner's Enter.
        try desk.type("091078001122||Trương Văn Quét|14021978|Nam|3 Lê Lợi, Rạch Giá|02072021")
        try desk.press("Enter")
        let next = try desk.expect("Xác nhận đúng người")
        #expect(next.contains("Họ và tên:  Trương Văn Quét"), "\(next)")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }

    @Test("with nobody waiting, the last vial of the day is discarded from the injection desk")
    func lastVialWithEmptyQueue() throws {
        let directory = TemporaryDirectory("e2e-last-vial")
        let path = try Desks.site(in: directory)
        let work = try SiteWork(path: path)
        _ = try work.injected(try work.nhung(), product: "pfizer")
        let desk = try TmuxDesk(Desks.deskCommand(path), name: "last-vial")
        try Desks.signIn(desk, as: .hong)
        try desk.press("Enter")
        try desk.expect("Chờ tiêm: 0 người")
        try desk.press("F3")
        try desk.expect("lọ: còn 5/6 liều")
        try desk.press("Down")
        try desk.press("F4")
        try desk.expect("Số liều còn lại bị hủy: 5")
        try desk.type("Hết buổi tiêm")
        try desk.press("Enter")
        try desk.expect("Đã hủy lọ; 5 liều ghi là hao hủy.")
        let balance = VialBalance(try work.database.sessionVials())
        #expect(balance.opened == 1 && balance.given == 1 && balance.wasted == 5 && balance.isBalanced)
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }

    @Test("an observation desk that locks itself keeps the board's counts in view, and no name")
    func lockedObservationBoard() throws {
        let directory = TemporaryDirectory("e2e-lock-board")
        let path = try Desks.site(in: directory)
        let work = try SiteWork(path: path)
        let people = try work.database.rosterPeople(first: 40).filter {
            DoseEligibility(after: try work.database.doseHistory(personID: $0.id), catalog: work.catalog).lastProduct == nil
        }.prefix(2)
        for person in people { _ = try work.injected(person) }
        // One of the two is due already (the clock moved on).
        let first = try #require(try work.database.queue(at: .inObservation).first)
        let past = "2020-01-01 00:00:00.000"
        try SQLiteShell.text(path, "UPDATE visit SET observation_due = '\(past)' WHERE id = '\(first.visitID.uuidString)'")
        let desk = try TmuxDesk(Desks.deskCommand(path, "--idle-lock 3s"), name: "lock-board")
        try Desks.signIn(desk, as: .mai)
        try desk.press("Enter")
        try desk.expect("Đang theo dõi: 2 người")
        let locked = try desk.expect("Theo dõi: 2 người · ", timeout: 15)
        #expect(locked.contains("Bàn đã khóa") && locked.contains("đã đủ giờ") && locked.contains("quá giờ"), "\(locked)")
        for person in people { #expect(!locked.contains(person.fullName), "the locked board shows \(person.fullName)") }
        try desk.type("7777")
        try desk.press("Enter")
        try desk.expect("Đang theo dõi: 2 người")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }
}
