import Foundation

/// Vietnamese text folded for search: "Nguyễn Văn Đức" → "nguyen van duc".
///
/// Decomposes to NFD, drops the combining marks, maps đ/Đ to d (FTS5's remove_diacritics leaves đ alone,
/// since it is a letter of its own, not a d with a mark) and lowercases. Input may be NFC or NFD.
public enum NameFolding {
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            switch scalar {
            case "đ", "Đ": scalars.append("d")
            default: scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return collapseSpaces(String(scalars))
    }

    /// A name as it should be stored: NFC, single spaces, each word capitalised ("nguyễn  văn AN" →
    /// "Nguyễn Văn An").
    public static func normalizeName(_ text: String) -> String {
        let words = collapseSpaces(text.precomposedStringWithCanonicalMapping).split(separator: " ")
        return words.map { word in
            word.prefix(1).uppercased() + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }

    /// Trims and turns every run of white space into one space.
    public static func collapseSpaces(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
