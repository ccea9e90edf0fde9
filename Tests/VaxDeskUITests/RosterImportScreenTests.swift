import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

@Suite("The site lead's roster import")
struct RosterImportScreenTests {
    typealias F = DeskFixture

    static func picker(staffIndex: Int) -> AppState { F.signedIn(staffIndex: staffIndex) }

    @Test("only the site lead opens it; the others are told why")
    func siteLeadOnly() {
        var nurse = Self.picker(staffIndex: 0)
        #expect(nurse.send(.key(.function(5))).isEmpty)
        #expect(nurse.notice?.text == "Điều dưỡng tiếp đón không được nhập danh sách đối tượng.")
        var lead = Self.picker(staffIndex: 4)
        _ = lead.send(.key(.function(5)))
        #expect(lead.render().0.text.contains("Nhập danh sách đối tượng từ tệp CSV"))
    }

    @Test("a path, a progress bar while the desk stays live, then the summary and where the refused rows are")
    func importing() {
        var state = Self.picker(staffIndex: 4)
        _ = state.send(.key(.function(5)))
        #expect(state.send(.key(.enter)).isEmpty, "no path yet")
        _ = state.type("/srv/lists/phuong-vtv.csv")
        #expect(state.send(.key(.enter)) == [RosterImportEffect.importRoster(path: "/srv/lists/phuong-vtv.csv", by: state.context.user!.id)])
        _ = state.answer(ImportNews.progress(done: 480_000, total: 1_000_000), to: .job(.rosterImport))
        let progress = state.render().0.text
        #expect(progress.contains("Đang nhập: 480.000 / khoảng 1.000.000 dòng"))
        #expect(progress.contains("48%"))
        Golden.check(state.render().0, "roster-import-progress")
        var summary = RosterImportSummary()
        summary.imported = 998_000
        summary.updated = 1_500
        summary.rejected = 500
        _ = state.answer(ImportNews.finished(summary, errorsFile: "/srv/lists/phuong-vtv-errors.csv"), to: .job(.rosterImport))
        let done = state.render().0.text
        #expect(done.contains("Thêm mới:      998.000"))
        #expect(done.contains("/srv/lists/phuong-vtv-errors.csv"))
        Golden.check(state.render().0, "roster-import-done")
        _ = state.send(.key(.enter))
        #expect(state.render().0.text.contains("Tệp:"))
    }

    @Test("a file that cannot be read says why, and the path stays to be corrected")
    func failure() {
        var state = Self.picker(staffIndex: 4)
        _ = state.send(.key(.function(5)))
        _ = state.type("/srv/lists/missing.csv")
        _ = state.send(.key(.enter))
        _ = state.answer(ImportNews.failed("Không đọc được tệp /srv/lists/missing.csv."), to: .job(.rosterImport))
        let screen = state.render().0.text
        #expect(screen.contains("✗ Không đọc được tệp /srv/lists/missing.csv."))
        #expect(screen.contains("Tệp: /srv/lists/missing.csv"))
    }
}
