/// What a screen needs of a terminal: its size, a way to write changed cells, and keys.
/// The curses backend and the in-memory test terminal both provide it.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// Writes runs of cells and shows them; `cursor` is where the text cursor goes (nil hides it).
    func draw(_ runs: [Run], cursor: (x: Int, y: Int)?)
    /// Forgets what is on the screen, so that the next frame is written whole (after a resize).
    func invalidate()
    /// The next key, waiting at most `timeoutMilliseconds`; nil when none came. `.resize` is reported as
    /// a changed `size` rather than as a key.
    func readKey(timeoutMilliseconds: Int) -> Key?
}

/// Sends frames to a terminal, writing only the cells that changed since the last frame.
public final class FramePresenter {
    private var previous: Buffer?

    public init() {}

    public func present(_ buffer: Buffer, cursor: (x: Int, y: Int)?, on terminal: Terminal) {
        let runs = buffer.diff(from: previous)
        terminal.draw(runs, cursor: cursor)
        previous = buffer
    }

    public func invalidate() { previous = nil }
}

/// A terminal in memory, for tests: keys are queued, frames land in a buffer to read back.
public final class MemoryTerminal: Terminal {
    public var size: Size { didSet { screen = Buffer(size: size) } }
    public private(set) var screen: Buffer
    public private(set) var cursor: (x: Int, y: Int)?
    public private(set) var cellsWritten = 0
    public var keys: [Key] = []

    public init(size: Size = .minimum) {
        self.size = size
        screen = Buffer(size: size)
    }

    public func draw(_ runs: [Run], cursor: (x: Int, y: Int)?) {
        cellsWritten += runs.reduce(0) { $0 + $1.text.count }
        screen.apply(runs)
        self.cursor = cursor
    }

    public func invalidate() { screen = Buffer(size: size) }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        keys.isEmpty ? nil : keys.removeFirst()
    }
}
