import Testing
import TerminalKit

@Suite("Display width")
struct DisplayWidthTests {
    @Test("Vietnamese letters take one column, precomposed or decomposed", arguments: [
        "Nguyễn Văn Đức", "Phạm Thị Thu Hà", "ệ", "Ở ĐÂY",
    ])
    func vietnamese(text: String) {
        let nfd = text.decomposedStringWithCanonicalMapping
        #expect(text.displayWidth == text.count)
        #expect(nfd.displayWidth == text.count)
    }

    @Test("wide and zero-width characters")
    func wide() {
        #expect("漢字".displayWidth == 4)
        #expect("\u{301}".displayWidth == 0)
        #expect("a\u{200B}b".displayWidth == 2)
    }

    @Test("truncation keeps whole characters and marks the cut")
    func truncation() {
        #expect("Nguyễn Văn Đức".truncated(toWidth: 8) == "Nguyễn …")
        #expect("Đức".truncated(toWidth: 3) == "Đức")
        #expect("漢字漢字".truncated(toWidth: 4) == "漢…")
        #expect("Đức".padded(toWidth: 5) == "Đức  ")
    }
}

@Suite("Buffer and diff")
struct BufferTests {
    @Test("decomposed text lands in the same cells as precomposed")
    func nfdCells() {
        var a = Buffer(size: Size(columns: 20, rows: 1))
        var b = a
        a.put("Nguyễn Đức", x: 1, y: 0)
        b.put("Nguyễn Đức".decomposedStringWithCanonicalMapping, x: 1, y: 0)
        #expect(a == b)
        #expect(a.lines == [" Nguyễn Đức"])
    }

    @Test("text is clipped to the buffer and to a clip rectangle")
    func clipping() {
        var buffer = Buffer(size: Size(columns: 10, rows: 2))
        buffer.put("Trạm Y tế Phường", x: 0, y: 0)
        buffer.put("abcdef", x: 2, y: 1, clip: Rect(x: 0, y: 1, width: 5, height: 1))
        buffer.put("outside", x: 0, y: 5)
        #expect(buffer.lines == ["Trạm Y tế", "  abc"])
    }

    @Test("a wide character fills two cells")
    func wideCells() {
        var buffer = Buffer(size: Size(columns: 6, rows: 1))
        buffer.put("a漢b", x: 0, y: 0)
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer.lines == ["a漢b"])
    }

    @Test("the diff holds only changed cells, and applying it reproduces the frame")
    func diff() {
        var first = Buffer(size: Size(columns: 20, rows: 3))
        first.put("Số 12 · Đức", x: 0, y: 0)
        first.put("Chờ: 3", x: 0, y: 2)
        var second = first
        second.put("Chờ: 4", x: 0, y: 2)
        let runs = second.diff(from: first)
        #expect(runs == [Run(x: 5, y: 2, text: "4", style: .plain)])
        var screen = first
        screen.apply(runs)
        #expect(screen == second)
        #expect(first.diff(from: nil).count == 3)
    }

    @Test("a style change alone is sent")
    func styleOnly() {
        var first = Buffer(size: Size(columns: 5, rows: 1))
        first.put("abc", x: 0, y: 0)
        var second = first
        second.restyle(Rect(x: 1, y: 0, width: 1, height: 1)) { $0.reverse = true }
        #expect(second.diff(from: first) == [Run(x: 1, y: 0, text: "b", style: .selected)])
    }

    @Test("frames go to a terminal as diffs")
    func presenter() {
        let terminal = MemoryTerminal(size: Size(columns: 10, rows: 2))
        let presenter = FramePresenter()
        var frame = Buffer(size: terminal.size)
        frame.put("Xin chào", x: 0, y: 0)
        presenter.present(frame, cursor: nil, on: terminal)
        let full = terminal.cellsWritten
        frame.put("!", x: 8, y: 0)
        presenter.present(frame, cursor: (0, 1), on: terminal)
        #expect(terminal.cellsWritten == full + 1)
        #expect(terminal.screen.lines == ["Xin chào!", ""])
    }

    @Test("wrapping breaks between words, keeps every word whole, and indents what follows")
    func wrapping() {
        let item = "Đang bị suy giảm miễn dịch nặng, ung thư giai đoạn cuối đang điều trị hóa trị, xạ trị"
        let lines = item.wrapped(toWidth: 40, indent: 4)
        #expect(lines.allSatisfy { $0.displayWidth <= 40 })
        #expect(lines.joined(separator: " ").split(separator: " ") == item.split(separator: " "))
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") })
        #expect(lines[0] == "Đang bị suy giảm miễn dịch nặng, ung thư")
        // Decomposed Vietnamese is measured as it shows.
        let nfd = item.decomposedStringWithCanonicalMapping.wrapped(toWidth: 40, indent: 4)
        #expect(nfd.map { $0.precomposedStringWithCanonicalMapping } == lines)
    }

    @Test("wrapping: short text untouched, leading spaces kept, a word longer than a line cut and carried on")
    func wrappingEdges() {
        #expect("Đức".wrapped(toWidth: 10) == ["Đức"])
        #expect("  → quay lại sau bốn tuần".wrapped(toWidth: 14) == ["  → quay lại", "sau bốn tuần"])
        #expect("/media/usb/site-backup.db".wrapped(toWidth: 10) == ["/media/usb", "/site-back", "up.db"])
        #expect("ab 漢字漢字".wrapped(toWidth: 5) == ["ab", "漢字", "漢字"])
        #expect("".wrapped(toWidth: 0).isEmpty)
    }
}
