import Foundation

/// What a PDF needs of a TrueType font to write text in it: the glyph of each character (the font's
/// `cmap`, format 4: the Basic Multilingual Plane, where every Vietnamese letter is), the advance of a
/// monospaced glyph, and its metrics. The font file itself is embedded whole.
struct TrueTypeFont {
    let data: [UInt8]
    let unitsPerEm: Int
    let ascent: Int, descent: Int
    let boundingBox: [Int]
    /// The advance of one glyph, in font units (the font is monospaced).
    let advance: Int
    private let segments: [(start: Int, end: Int, delta: Int, rangeOffset: Int, rangeOffsetAt: Int)]

    struct Malformed: Error, CustomStringConvertible {
        let what: String
        var description: String { "the font is not a TrueType font this writer reads: \(what)" }
    }

    init(data: [UInt8]) throws {
        self.data = data
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= data.count else { throw Malformed(what: "cut short") }
            return Int(data[at]) << 8 | Int(data[at + 1])
        }
        func i16(_ at: Int) throws -> Int { Int(Int16(bitPattern: UInt16(try u16(at)))) }
        func u32(_ at: Int) throws -> Int { try u16(at) << 16 | u16(at + 2) }
        var tables: [String: Int] = [:]
        for index in 0..<(try u16(4)) {
            let record = 12 + 16 * index
            guard record + 16 <= data.count else { throw Malformed(what: "its table directory") }
            tables[String(decoding: data[record..<record + 4], as: UTF8.self)] = try u32(record + 8)
        }
        guard let head = tables["head"], let hhea = tables["hhea"], let hmtx = tables["hmtx"], let cmap = tables["cmap"] else {
            throw Malformed(what: "no head, hhea, hmtx or cmap table")
        }
        unitsPerEm = try u16(head + 18)
        boundingBox = [try i16(head + 36), try i16(head + 38), try i16(head + 40), try i16(head + 42)]
        ascent = try i16(hhea + 4)
        descent = try i16(hhea + 6)
        advance = try u16(hmtx)
        // The Unicode BMP subtable: platform 3 encoding 1 (Windows), or platform 0 (Unicode).
        var subtable: Int?
        for index in 0..<(try u16(cmap + 2)) {
            let record = cmap + 4 + 8 * index
            let (platform, encoding) = (try u16(record), try u16(record + 2))
            if (platform == 3 && encoding == 1) || platform == 0 { subtable = cmap + (try u32(record + 4)) }
            if subtable != nil, platform == 3 { break }
        }
        guard let format4 = subtable, try u16(format4) == 4 else { throw Malformed(what: "no cmap of format 4") }
        let count = try u16(format4 + 6) / 2
        let ends = format4 + 14, starts = ends + 2 * count + 2, deltas = starts + 2 * count, offsets = deltas + 2 * count
        segments = try (0..<count).map { i in
            (try u16(starts + 2 * i), try u16(ends + 2 * i), try u16(deltas + 2 * i), try u16(offsets + 2 * i), offsets + 2 * i)
        }
    }

    /// The glyph of a character; 0 (the font's "missing" glyph) when it has none.
    func glyph(_ scalar: Unicode.Scalar) -> Int {
        let code = Int(scalar.value)
        guard code <= 0xFFFF, let segment = segments.first(where: { code <= $0.end }), code >= segment.start else { return 0 }
        guard segment.rangeOffset != 0 else { return (code + segment.delta) & 0xFFFF }
        let at = segment.rangeOffsetAt + segment.rangeOffset + 2 * (code - segment.start)
        guard at + 1 < data.count else { return 0 }
        let glyph = Int(data[at]) << 8 | Int(data[at + 1])
        return glyph == 0 ? 0 : (glyph + segment.delta) & 0xFFFF
    }

    /// A length in font units as PDF's glyph space writes it (thousandths of the font size).
    func scaled(_ units: Int) -> Int { units * 1000 / unitsPerEm }
}
