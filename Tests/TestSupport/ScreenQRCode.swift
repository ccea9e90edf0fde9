import Foundation

/// Reads a QR code drawn in a terminal with half blocks (light modules as ink) back off a captured
/// screen: the text becomes a bitmap (PBM), which `zbarimg` decodes as it would a photo.
public enum ScreenQRCode {
    /// The text the QR code on `screen` holds, or nil when zbarimg finds none.
    public static func decode(_ screen: String, in directory: TemporaryDirectory) throws -> String? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let blocks: Set<Character> = ["█", "▀", "▄"]
        // The code's columns: from the leftmost block character to the rightmost (its quiet zone is ink).
        let columns = lines.flatMap { line in line.indices.filter { blocks.contains(line[$0]) } }
        let codeRows = lines.indices.filter { lines[$0].contains { blocks.contains($0) } }
        guard let left = columns.min(), let right = columns.max(), let top = codeRows.first, let bottom = codeRows.last
        else { return nil }
        // Two pixels high per character; ink (light) is white, blank (dark) is black.
        var pixels: [[Bool]] = []  // true = black
        for row in top...bottom {
            var upper: [Bool] = [], lower: [Bool] = []
            for column in left...right {
                let character = column < lines[row].count ? lines[row][column] : " "
                upper.append(!(character == "█" || character == "▀"))
                lower.append(!(character == "█" || character == "▄"))
            }
            pixels += [upper, lower]
        }
        let scale = 4, border = 8
        let width = pixels[0].count * scale + 2 * border
        let height = pixels.count * scale + 2 * border
        var pbm = "P1\n\(width) \(height)\n"
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let px = (x - border) / scale, py = (y - border) / scale
                let black = x >= border && y >= border && py < pixels.count && px < pixels[0].count && pixels[py][px]
                line += black ? "1 " : "0 "
            }
            pbm += line + "\n"
        }
        let file = directory.file("screen-qr.pbm")
        try pbm.write(toFile: file, atomically: true, encoding: .ascii)
        let output = Spawn.run(["zbarimg", "--raw", "-q", file], environment: ProcessInfo.processInfo.environment,
                               capture: true).trimmingCharacters(in: .whitespacesAndNewlines)
        return output.isEmpty ? nil : output
    }
}
