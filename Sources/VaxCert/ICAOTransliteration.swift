import Foundation

/// A name as a machine-readable travel document writes it (ICAO Doc 9303, part 3): upper-case A–Z only,
/// `<` between words. Vietnamese loses its tone and vowel marks ("Nguyễn Thị Ánh" → "NGUYEN<THI<ANH") and
/// Đ becomes D; the letters the recommendation spells out in two (Ä → AE, ß → SS, Å → AA, …) are spelt so.
public enum ICAOTransliteration {
    static let spelled: [Character: String] = [
        "Ä": "AE", "Ö": "OE", "Ü": "UE", "Æ": "AE", "Œ": "OE", "Ø": "OE", "Å": "AA", "ẞ": "SS",
        "Þ": "TH", "Đ": "D", "Ð": "D", "Ł": "L", "Ħ": "H", "Ŧ": "T", "Ŀ": "L", "Ĳ": "IJ",
    ]

    public static func of(_ name: String) -> String {
        var out = ""
        for character in name.precomposedStringWithCanonicalMapping.uppercased() {
            if let spelling = spelled[character] {
                out += spelling
            } else if character.isWhitespace || character == "-" || character == "," {
                if !out.isEmpty, out.last != "<" { out += "<" }
            } else {
                // The letter's base, its marks dropped; what is not A–Z (digits, apostrophes) is left out.
                for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars
                where ("A"..."Z").contains(scalar) {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        while out.last == "<" { out.removeLast() }
        return out
    }
}
