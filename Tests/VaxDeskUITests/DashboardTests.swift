import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

@Suite("The site lead's dashboard")
struct DashboardTests {
    typealias F = DeskFixture

    static func board() -> Dashboard {
        var board = Dashboard(session: F.session)
        board.stageCounts = [.waitingScreening: 3, .waitingInjection: 2, .inObservation: 4, .discharged: 38, .deferred: 2,
                             .contraindicated: 1]
        board.waitingSince = [
            .waitingScreening: [F.now.addingTimeInterval(-4 * 60), F.now.addingTimeInterval(-9 * 60), F.now.addingTimeInterval(-21 * 60)],
            .waitingInjection: [F.now.addingTimeInterval(-2 * 60), F.now.addingTimeInterval(-6 * 60)],
        ]
        board.vaccinated = 42
        board.firstInjection = F.now.addingTimeInterval(-2 * 3_600)
        board.adverseEvents = [AdverseEventDeskTests.anaphylaxis,
                               AdverseEvent(visitID: UUID(), onset: F.now, signs: "Đau chỗ tiêm", severity: .common)]
        board.openVials = [F.vial(of: F.lots[0], drawn: 2, openedMinutesAgo: 75)]
        board.lots = [SessionReport.Lot(product: "pfizer", lot: "FK5127", dosesReceived: 600, vialsOpened: 8,
                                        dosesInOpenedVials: 48, dosesGiven: 42, dosesWasted: 2)]
        board.outboxPending = 187
        return board
    }

    @Test("stages, waits, pace, adverse events, vials, lots and sync, at 80×24 and 160×48", arguments: [
        Size.minimum, Size(columns: 160, rows: 48),
    ])
    func dashboard(size: Size) {
        var state = F.signedIn(staffIndex: 4, size: size)
        #expect(state.update(.key(.function(6))) == [.loadDashboard])
        _ = state.update(.dashboardLoaded(Self.board()))
        let screen = state.render().0.text
        #expect(screen.contains("đã tiêm 42 · 21/giờ"))
        #expect(screen.contains("Chờ khám: 3 người · trung vị 9 phút · lâu nhất 21 phút"))
        #expect(screen.contains("Phản ứng sau tiêm: 1 nặng · 1 thông thường"))
        #expect(screen.contains("Pfizer FK5127: đã tiêm 42 · hủy 2 · còn 556 liều"))
        Golden.check(state.render().0, "dashboard-\(size.columns)x\(size.rows)")
    }

    @Test("the nurse cannot open it; the site lead closes the session from it after confirming")
    func close() {
        var nurse = F.signedIn(staffIndex: 0)
        #expect(nurse.update(.key(.function(6))).isEmpty)
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.update(.key(.function(6)))
        _ = lead.update(.dashboardLoaded(Self.board()))
        #expect(lead.update(.key(.function(7))).isEmpty)
        #expect(lead.render().0.text.contains("Đóng buổi tiêm? Sau khi đóng không ghi nhận thêm được."))
        #expect(lead.update(.key(.enter)) == [.closeSession(by: F.staff[4].id)])
        _ = lead.update(.refused(.sessionNotResolved(inObservation: 4, openVials: 1)))
        #expect(lead.notice?.text.contains("còn 4 người đang theo dõi và 1 lọ đang mở") == true)
    }
}
