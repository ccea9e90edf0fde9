import Foundation
import Synchronization
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

/// The whole desk as it runs: keys into a memory terminal, the run loop, a test client in place of the
/// store, and the cells that come out.
@Suite("The run loop: keys in, cells out")
struct DeskRunLoopTests {
    typealias F = DeskFixture

    /// A clock the test moves.
    final class Clock: Sendable {
        private let time = Mutex(F.now)
        var now: Date { time.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { time.withLock { $0 += seconds } }
    }

    /// A client for a site with the fixture's staff and session, every PIN right.
    static func client(clock: Clock) -> DeskClient {
        var client = DeskClient.unimplemented(now: F.now)
        client.now = { clock.now }
        client.signIn.staff = { F.staff }
        client.signIn.signIn = { code, _ in F.staff.first { $0.code == code }! }
        client.openSession = { (F.session, F.lots) }
        client.syncStatus = { SyncStatus() }
        client.alerts = { [] }
        return client
    }

    /// Types `keys` one turn at a time, then lets the loop settle.
    static func type(_ keys: [Key], into terminal: MemoryTerminal, _ loop: DeskRunLoop) {
        for key in keys {
            terminal.keys.append(key)
            loop.turn(readTimeout: 0)
        }
        loop.turn(readTimeout: 0)
    }

    static func characters(_ text: String) -> [Key] { text.map { .character($0) } }

    /// Signs in as the staff member at `index` of the list, with their PIN, and picks the first station.
    static func signIn(_ index: Int, terminal: MemoryTerminal, _ loop: DeskRunLoop) {
        type(Array(repeating: .down, count: index) + [.enter] + characters(F.pin) + [.enter], into: terminal, loop)
    }

    @Test("signing in and searching at check-in: what the nurse types reaches the client, what it finds reaches the cells")
    func signInAndSearch() {
        let clock = Clock()
        var client = Self.client(clock: clock)
        let searched = Mutex<[String]>([])
        client.checkIn.search = { query in
            searched.withLock { $0.append(query) }
            return query.count >= 3 ? [RosterMatch(person: F.duc, dosesOnRecord: 1)] : []
        }
        let terminal = MemoryTerminal()
        let state = AppState(context: F.context(), size: .minimum, siteName: "Trạm Y tế Phường Vĩnh Thanh Vân", idleLock: nil)
        let loop = DeskRunLoop(state: state, terminal: terminal, client: client)
        loop.start()
        #expect(terminal.screen.text.contains("Nguyễn Thị Lan"), "the staff list is drawn")
        Self.signIn(0, terminal: terminal, loop)
        #expect(terminal.screen.text.contains("Xin chào, Nguyễn Thị Lan"), "\(terminal.screen.text)")
        Self.type([.enter] + Self.characters("duc"), into: terminal, loop)
        #expect(searched.withLock { $0 } == ["d", "du", "duc"])
        #expect(terminal.screen.text.contains("Nguyễn Văn Đức"))
        #expect(terminal.screen.text.contains("07/03/1985"))
    }

    /// The site lead starts an import, the desk locks itself while it runs, the import ends under the
    /// lock; after the PIN, the summary is on screen.
    @Test("an import that ends while the desk is locked: its summary is on screen after the PIN")
    func importUnderLock() throws {
        let clock = Clock()
        var client = Self.client(clock: clock)
        let release = DispatchSemaphore(value: 0)
        client.rosterImport.run = { path, _, progress in
            progress(10_000, 60_000)
            release.wait()
            var summary = RosterImportSummary()
            summary.imported = 59_872
            summary.rejected = 128
            return (summary, errorsFile: path.replacingOccurrences(of: ".csv", with: "-errors.csv"))
        }
        let terminal = MemoryTerminal()
        let state = AppState(context: F.context(), size: .minimum, siteName: "Trạm Y tế Phường Vĩnh Thanh Vân", idleLock: 5)
        let loop = DeskRunLoop(state: state, terminal: terminal, client: client)
        loop.start()
        Self.signIn(4, terminal: terminal, loop)
        Self.type([.function(5)] + Self.characters("/srv/lists/phuong.csv") + [.enter], into: terminal, loop)
        #expect(loop.state.context.rosterImport != nil, "the import runs")

        clock.advance(6)
        loop.turn(readTimeout: 0)
        #expect(loop.state.isLocked, "the idle desk locked itself")
        #expect(terminal.screen.text.contains("Đặng Văn Minh (TD00)"))

        release.signal()
        loop.waitForJobs()
        loop.turn(readTimeout: 0)
        #expect(!terminal.screen.text.contains("59.872"), "nothing of the import shows on the locked desk")

        Self.type(Self.characters(F.pin) + [.enter], into: terminal, loop)
        let screen = terminal.screen.text
        #expect(screen.contains("Đã nhập danh sách") && screen.contains("59.872"), "\(screen)")
        #expect(screen.contains("/srv/lists/phuong-errors.csv"))
        // Enter puts the outcome away; the import screen is ready for another file.
        Self.type([.enter], into: terminal, loop)
        #expect(loop.state.context.rosterImport == nil)
        #expect(terminal.screen.text.contains("Tệp:"))
    }

    @Test("an import's end reaches a site lead who went to another screen, as a notice")
    func importEndsElsewhere() {
        let clock = Clock()
        var client = Self.client(clock: clock)
        // The import ends only once the site lead has left its screen: the order this test is about.
        let leftTheScreen = DispatchSemaphore(value: 0)
        client.rosterImport.run = { _, _, _ in
            leftTheScreen.wait()
            var summary = RosterImportSummary()
            summary.imported = 1_200
            return (summary, errorsFile: nil)
        }
        client.dashboard.dashboard = { _ in nil }
        let terminal = MemoryTerminal()
        let loop = DeskRunLoop(state: AppState(context: F.context(), size: .minimum, siteName: "Trạm", idleLock: nil),
                               terminal: terminal, client: client)
        loop.start()
        Self.signIn(4, terminal: terminal, loop)
        Self.type([.function(5)] + Self.characters("/srv/a.csv"), into: terminal, loop)
        // Enter starts it; Esc leaves it running, for the station picker, before the thread has answered.
        terminal.keys.append(.enter)
        terminal.keys.append(.escape)
        loop.turn(readTimeout: 0)
        loop.turn(readTimeout: 0)
        leftTheScreen.signal()
        loop.waitForJobs()
        loop.turn(readTimeout: 0)
        #expect(terminal.screen.text.contains("Đã nhập xong danh sách: 1.200 người mới"), "\(terminal.screen.text)")
    }

    /// The desk's own write is seen by the change watcher like any other: the screen reloads once for
    /// it, not once for the answer and again for the change.
    @Test("recording a screening reads the queue once afterwards")
    func ownWriteRefreshesOnce() {
        let clock = Clock()
        var client = Self.client(clock: clock)
        let entry = F.entry(F.duc, ticket: 12, stage: .waitingScreening, minutesAgo: 3)
        let queueReads = Mutex(0)
        let changed = Mutex(false)
        let saved = Mutex(false)
        client.queue.entries = { _ in
            queueReads.withLock { $0 += 1 }
            return saved.withLock { $0 } ? [] : [entry]
        }
        client.screening.save = { _, _ in
            saved.withLock { $0 = true }
            changed.withLock { $0 = true }
        }
        client.databaseChanged = {
            changed.withLock { value in
                defer { value = false }
                return value
            }
        }
        let terminal = MemoryTerminal()
        let loop = DeskRunLoop(state: AppState(context: F.context(), size: .minimum, siteName: "Trạm", idleLock: nil),
                               terminal: terminal, client: client)
        loop.start()
        Self.signIn(1, terminal: terminal, loop)
        Self.type([.character("2"), .enter], into: terminal, loop)
        #expect(terminal.screen.text.contains("Nguyễn Văn Đức"))
        // Call, take the signs, answer every item Không, record consent, save.
        Self.type([.enter] + "36,67611876 16".compactMap { $0 == " " ? nil : Key.character($0) } + [.function(5), .function(4)],
                  into: terminal, loop)
        let before = queueReads.withLock { $0 }
        Self.type([.enter], into: terminal, loop)
        #expect(saved.withLock { $0 }, "\(terminal.screen.text)")
        #expect(queueReads.withLock { $0 } == before + 1)
        #expect(terminal.screen.text.contains("Đã lưu khám sàng lọc số 12"), "the notice names the ticket the screen called")
    }
}

/// Answers are addressed: they reach the screen that asked, wherever it is, and only it.
@Suite("Answers reach whoever asked")
struct AnswerRoutingTests {
    typealias F = DeskFixture

    @Test("a search answered after the nurse left check-in does not reach the new check-in screen")
    func staleScreen() {
        var state = F.desk(at: .checkIn)
        _ = state.type("duc")
        let asked = state.screenID
        _ = state.send(.key(.function(2)))
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.searchResults(query: "", [RosterMatch(person: F.duc, dosesOnRecord: 1)]), to: .screen(asked))
        guard case .checkIn(let screen) = state.screen else { Issue.record("not at check-in"); return }
        #expect(screen.results.isEmpty)
    }

    @Test("an answer for the screen under the lock is kept there, and nothing of it shows until the PIN")
    func underTheLock() {
        var state = F.signedIn(staffIndex: 1, idleLock: 60)
        _ = state.send(.key(.character("2")))
        _ = state.send(.key(.enter))
        let asked = state.screenID
        state.context.now += 61
        _ = state.send(.tick(state.context.now))
        #expect(state.isLocked)
        let entry = F.entry(F.duc, ticket: 12, stage: .waitingScreening, minutesAgo: 3)
        _ = state.answer(ScreeningAnswer.queue(.loaded(.waitingScreening, [entry])), to: .screen(asked))
        #expect(!state.render().0.text.contains("Nguyễn Văn Đức"))
        _ = state.type(F.pin)
        _ = state.send(.key(.enter))
        _ = state.answer(SignInAnswer.signedIn(F.staff[1]))
        #expect(state.render().0.text.contains("Nguyễn Văn Đức"))
    }
}
