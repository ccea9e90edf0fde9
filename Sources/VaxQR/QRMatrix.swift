import CQREncode

/// A QR code as a square of dark and light modules, encoded by libqrencode: the certificate draws it
/// in the terminal so that a phone or a scanner can read the record reference off the screen.
public struct QRMatrix: Hashable, Sendable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    private let modules: [Bool]

    /// How much of the code may be damaged and still read: M 15 %, Q 25 % (what HCERT asks).
    public enum Correction: Sendable {
        case medium, quartile
    }

    /// Encodes `text`; nil when it does not fit a QR code. Its modes are chosen by libqrencode: an HC1
    /// text, all of the alphanumeric set, is written in alphanumeric mode, 5.5 bits a character.
    public init?(_ text: String, correction: Correction = .medium) {
        let level = correction == .quartile ? QR_ECLEVEL_Q : QR_ECLEVEL_M
        guard let code = QRcode_encodeString(text, 0, level, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        // libqrencode: one byte per module, the lowest bit says dark.
        modules = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// Whether the module at column `x`, row `y` is dark; outside the code (the quiet zone) it is light.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// The code as text lines of half blocks, two module rows per line, inside a light quiet zone of
    /// `margin` modules. A terminal draws characters light on dark, so the *light* modules are the ink
    /// (blocks) and the dark ones are left blank: the screen shows dark modules on light, as a QR is read.
    public func halfBlockLines(margin: Int = 2) -> [String] {
        let range = -margin..<(size + margin)
        return stride(from: -margin, to: size + margin, by: 2).map { y in
            String(range.map { x -> Character in
                let top = !self[x, y]
                let bottom = y + 1 < size + margin && !self[x, y + 1]
                switch (top, bottom) {
                case (true, true): return "█"
                case (true, false): return "▀"
                case (false, true): return "▄"
                case (false, false): return " "
                }
            })
        }
    }
}
