/// The meaning of a colour, not the colour: the terminal backend chooses how to show it, and drops
/// it under NO_COLOR. Nothing depends on colour alone: every warning also has a word or a mark.
public enum Tone: UInt8, Hashable, Sendable, CaseIterable {
    case normal, accent, success, warning, danger, muted
}

/// How a cell is drawn.
public struct Style: Hashable, Sendable {
    public var tone: Tone
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(tone: Tone = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.tone = tone
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let selected = Style(reverse: true)
    public static let title = Style(tone: .accent, bold: true)
    public static let muted = Style(tone: .muted)
    public static let warning = Style(tone: .warning, bold: true)
    public static let danger = Style(tone: .danger, bold: true)
    public static let success = Style(tone: .success, bold: true)
}
