import Foundation
import VaxQR

/// A one-page A4 PDF of a certificate: its lines in Noto Sans Mono (embedded, so that every
/// Vietnamese letter prints as written, on any reader) and its QR code drawn as squares, sharp at any
/// size, which a phone reads off the paper or the screen. Written by hand: PDF needs only a few
/// objects for this, and no library here writes Vietnamese into a PDF.
struct CertificatePDF {
    static let fontPath = "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf"

    let font: TrueTypeFont

    init(fontPath: String = Self.fontPath) throws {
        guard let data = FileManager.default.contents(atPath: fontPath) else { throw MissingFont(path: fontPath) }
        font = try TrueTypeFont(data: Array(data))
    }

    struct MissingFont: Error, CustomStringConvertible {
        let path: String
        var description: String { "the font \(path) is missing: install Debian's fonts-noto-mono" }
    }

    /// The page: the lines from the top, the QR code under them (when there is one), the lines after it.
    func document(lines: [String], qr: QRMatrix?, after: [String]) -> Data {
        let size = 9.5, leading = 12.5, left = 48.0, top = 800.0
        var glyphs: [Int: Unicode.Scalar] = [:]
        func shown(_ line: String) -> String {
            let ids = line.precomposedStringWithCanonicalMapping.unicodeScalars.map { scalar -> Int in
                let id = font.glyph(scalar)
                if id != 0 { glyphs[id] = scalar }
                return id
            }
            return "<" + ids.map { String(format: "%04X", $0) }.joined() + ">"
        }
        var content = "BT /F1 \(size) Tf \(leading) TL \(left) \(top) Td\n"
        content += lines.map { shown($0) + " Tj T*" }.joined(separator: "\n") + "\nET\n"
        var y = top - leading * Double(lines.count + 1)
        if let qr {
            // 2.4 points a module, a quiet zone of four: 89 modules make 9 cm, read from arm's length.
            let module = 2.4, quiet = 4
            let side = Double(qr.size + 2 * quiet) * module
            y -= side
            content += "0 g\n"
            for row in 0..<qr.size {
                for column in 0..<qr.size where qr[column, row] {
                    let x = left + Double(column + quiet) * module
                    let cellY = y + Double(qr.size + quiet - 1 - row) * module
                    content += String(format: "%.2f %.2f %.2f %.2f re\n", x, cellY, module, module)
                }
            }
            content += "f\n"
            y -= leading
        }
        content += "BT /F1 \(size) Tf \(leading) TL \(left) \(y) Td\n"
        content += after.map { shown($0) + " Tj T*" }.joined(separator: "\n") + "\nET\n"
        return assemble(content: content, glyphs: glyphs)
    }

    private func assemble(content: String, glyphs: [Int: Unicode.Scalar]) -> Data {
        let toUnicode = """
            /CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /VaxDesk-UCS def /CMapType 2 def
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            \(glyphs.count) beginbfchar
            \(glyphs.sorted { $0.key < $1.key }.map { String(format: "<%04X> <%04X>", $0.key, $0.value.value) }.joined(separator: "\n"))
            endbfchar endcmap CMapName currentdict /CMap defineresource pop end end
            """
        let box = font.boundingBox.map { String(font.scaled($0)) }.joined(separator: " ")
        let objects: [[UInt8]] = [
            Array("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Array("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".utf8),
            Self.stream(Array(content.utf8)),
            Array("<< /Type /Font /Subtype /Type0 /BaseFont /NotoSansMono /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 9 0 R >>".utf8),
            Array("""
                << /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSansMono /CIDToGIDMap /Identity \
                /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                /FontDescriptor 7 0 R /DW \(font.scaled(font.advance)) >>
                """.utf8),
            Array("""
                << /Type /FontDescriptor /FontName /NotoSansMono /Flags 33 /FontBBox [\(box)] /ItalicAngle 0 \
                /Ascent \(font.scaled(font.ascent)) /Descent \(font.scaled(font.descent)) /CapHeight \(font.scaled(font.ascent)) \
                /StemV 80 /FontFile2 8 0 R >>
                """.utf8),
            Self.stream(font.data, extra: "/Length1 \(font.data.count)"),
            Self.stream(Array(toUnicode.utf8)),
        ]
        var out = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(index + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        out += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { out += Array(String(format: "%010d 00000 n \n", offset).utf8) }
        out += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return Data(out)
    }

    private static func stream(_ bytes: [UInt8], extra: String = "") -> [UInt8] {
        Array("<< /Length \(bytes.count) \(extra) >>\nstream\n".utf8) + bytes + Array("\nendstream".utf8)
    }
}
