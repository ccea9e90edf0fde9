/// Text that cannot drive a terminal: no C0 or C1 control character (ESC, CSI, OSC, BEL…), no DEL.
/// A name carrying an escape sequence would otherwise change a terminal's title, colours or contents
/// when a command prints it. Applied where text enters (import, registration, staff lists) and again
/// where a command prints text that may have come in before.
public enum Printable {
    /// `text` with every control character removed (a tab or a line break becomes a space).
    public static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if ["\t", "\n", "\r"].contains(scalar) {
                scalars.append(" ")
            } else if !isControl(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// A command's output or a file: every control character removed but tabs and line breaks.
    public static func keepingLayout(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !["\t", "\n"].contains($0) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isControl($0) || ["\t", "\n"].contains($0) }))
    }

    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
