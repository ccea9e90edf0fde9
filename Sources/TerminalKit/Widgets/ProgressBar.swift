/// A bar that fills as work gets done: "██████░░░░░░  48%".
public enum ProgressBar {
    /// Draws the bar in one row of `rect`, the percentage at its right end.
    public static func draw(_ fraction: Double, in rect: Rect, into buffer: inout Buffer, tone: Tone = .accent) {
        let clamped = min(1, max(0, fraction.isFinite ? fraction : 0))
        let percent = " \(Int(clamped * 100))%"
        let width = max(0, rect.width - 5)
        let filled = Int((Double(width) * clamped).rounded(.down))
        buffer.put(String(repeating: "█", count: filled), x: rect.x, y: rect.y, style: Style(tone: tone))
        buffer.put(String(repeating: "░", count: width - filled), x: rect.x + filled, y: rect.y, style: .muted)
        buffer.put(percent, x: rect.x + width, y: rect.y, style: .bold)
    }
}
