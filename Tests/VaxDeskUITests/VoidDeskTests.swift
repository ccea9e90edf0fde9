import Foundation
import Testing
import TerminalKit
import VaxCore
@testable import VaxDeskUI

@Suite("Voiding a record from the site lead's audit trail")
struct VoidDeskTests {
    typealias F = DeskFixture

    static let injection = UUID(uuidString: "0193C2A1-0000-7000-8000-0000000000AA")!

    @Test("F8 on an injection asks what became of the dose and why, then voids it; other rows cannot be")
    func voidInjection() {
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.send(.key(.function(6)))
        _ = lead.answer(DashboardAnswer.dashboardLoaded(DashboardTests.board()))
        _ = lead.send(.key(.function(6)))
        let entries = [
            AuditEntry(seq: 41, at: F.now, staffID: F.staff[0].id, staffCode: "DD01", staffName: "Nguyễn Thị Lan",
                       action: "sign-in", recordType: "staff", recordID: F.staff[0].id, detail: nil),
            AuditEntry(seq: 40, at: F.now, staffID: F.staff[2].id, staffCode: "TI01", staffName: "Võ Thị Hồng",
                       action: "injection", recordType: "injection", recordID: Self.injection, detail: nil, personName: "Nguyễn Văn Đức"),
        ]
        _ = lead.answer(DashboardAnswer.auditTrailLoaded(entries, appended: false))
        #expect(lead.send(.key(.function(8))).isEmpty)
        #expect(lead.notice?.text == lead.context.strings["dashboard.notVoidable"], "a sign-in is no record entered in error")
        _ = lead.send(.key(.down))
        _ = lead.send(.key(.function(8)))
        var screen = lead.render().0
        #expect(screen.text.contains("Hủy bản ghi ghi nhầm") && screen.text.contains("Nguyễn Văn Đức"))
        _ = lead.type("Ghi nhầm người")
        #expect(lead.send(.key(.enter)).isEmpty, "what became of the dose is asked, not assumed")
        _ = lead.send(.key(.right))
        screen = lead.render().0
        #expect(screen.text.contains("[x] chưa rút khỏi lọ"))
        Golden.check(screen, "dashboard-void")
        #expect(lead.send(.key(.enter)) == [DashboardEffect.voidRecord(.injection(Self.injection, dose: .returned),
                                                                         reason: "Ghi nhầm người", by: F.staff[4].id)])
        let effects = lead.answer(DashboardAnswer.recordVoided)
        #expect(effects == [DashboardEffect.loadAuditTrail(before: nil, by: F.staff[4].id), .loadDashboard(by: F.staff[4].id)])
        #expect(lead.notice?.text.contains("Đã hủy bản ghi ghi nhầm (Nguyễn Văn Đức)") == true)
    }
}
