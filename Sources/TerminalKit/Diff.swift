/// A run of changed cells on one row, all of one style: one move and one write for the backend.
public struct Run: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var text: String
    public var style: Style

    public init(x: Int, y: Int, text: String, style: Style) {
        self.x = x
        self.y = y
        self.text = text
        self.style = style
    }
}

extension Buffer {
    /// What must be written to turn `previous` into this buffer. With no previous buffer (first frame,
    /// resize) every cell is written.
    public func diff(from previous: Buffer?) -> [Run] {
        let previous = previous.flatMap { $0.size == size ? $0 : nil }
        var runs: [Run] = []
        for y in 0..<size.rows {
            var current: Run?
            for x in 0..<size.columns {
                let cell = self[x, y]
                if cell.isContinuation { continue }
                let changed = previous.map { prior in
                    prior[x, y] != cell || (cell.character.displayWidth == 2 && x + 1 < size.columns
                        && prior[x + 1, y] != self[x + 1, y])
                } ?? true
                if changed, var run = current, run.style == cell.style, run.x + run.text.displayWidth == x {
                    run.text.append(cell.character)
                    current = run
                } else if changed {
                    if let run = current { runs.append(run) }
                    current = Run(x: x, y: y, text: String(cell.character), style: cell.style)
                } else if let run = current {
                    runs.append(run)
                    current = nil
                }
            }
            if let run = current { runs.append(run) }
        }
        return runs
    }

    /// Applies runs, as a terminal would: used by the in-memory terminal to check the diff.
    public mutating func apply(_ runs: [Run]) {
        for run in runs { put(run.text, x: run.x, y: run.y, style: run.style) }
    }
}
