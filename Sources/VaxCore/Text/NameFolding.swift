import Foundation

/// Vietnamese text folded for search: "Nguyễn Văn Đức" → "nguyen van duc".
///
/// Decomposes to NFD, drops the combining marks, maps đ/Đ to d (FTS5's remove_diacritics leaves đ alone,
/// since it is a letter of its own, not a d with a mark) and lowercases. Input may be NFC or NFD.
public enum NameFolding {
    public static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.isFastWhitespace {
                pendingSpace = !folded.isEmpty
                continue
            }
            if pendingSpace {
                folded.append(" ")
                pendingSpace = false
            }
            if scalar.isASCII {
                folded.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
            } else if let letters = latinFold(scalar.value) {
                folded.append(contentsOf: letters.unicodeScalars)
            } else {
                folded.append(contentsOf: slowFold(scalar).unicodeScalars)
            }
        }
        return String(folded)
    }

    /// Folds of the Latin letters a Vietnamese name can hold (Latin-1, Extended-A/B and Extended
    /// Additional, where every precomposed Vietnamese letter lives), computed once and indexed by the
    /// scalar's value: folding a million names runs this per character.
    private static let latinRanges = [0x00C0...0x024F, 0x1E00...0x1EFF]
    private static let latinFolds: [[String]] = latinRanges.map { range in
        range.map { Unicode.Scalar(UInt32($0)).map(slowFold) ?? "" }
    }

    private static func latinFold(_ value: UInt32) -> String? {
        for (index, range) in latinRanges.enumerated() where range.contains(Int(value)) {
            return latinFolds[index][Int(value) - range.lowerBound]
        }
        return nil
    }

    /// One character folded the long way: decompose, drop the marks, đ → d, lowercase. Combining marks
    /// alone (decomposed input) fold to nothing.
    private static func slowFold(_ scalar: Unicode.Scalar) -> String {
        var result = String.UnicodeScalarView()
        for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars {
            switch part.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if part == "đ" || part == "Đ" {
                result.append("d")
            } else {
                result.append(contentsOf: part.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(result)
    }

    /// A name as it should be stored: NFC, single spaces, each word capitalised ("nguyễn  văn AN" →
    /// "Nguyễn Văn An").
    public static func normalizeName(_ text: String) -> String {
        let clean = collapseSpaces(text.precomposed)
        if isCapitalised(clean) { return clean }
        let words = clean.split(separator: " ")
        return words.map { word in
            word.prefix(1).uppercased() + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }

    /// Trims and turns every run of white space into one space.
    public static func collapseSpaces(_ text: String) -> String {
        // Most text is already clean: one pass over the scalars says so, without splitting into
        // characters (which costs grapheme breaking on every field of a big import).
        var previousWasSpace = true
        var clean = true
        for scalar in text.unicodeScalars {
            let isSpace = scalar.isFastWhitespace
            if isSpace && (previousWasSpace || scalar != " ") {
                clean = false
                break
            }
            previousWasSpace = isSpace
        }
        if clean && !previousWasSpace { return text }
        return text.split(whereSeparator: \.isFastWhitespace).joined(separator: " ")
    }

    /// Whether every word starts with a capital and goes on in small letters, as most names in a list
    /// already do: then there is nothing to change, and no case mapping to pay.
    static func isCapitalised(_ text: String) -> Bool {
        var atWordStart = true
        for scalar in text.unicodeScalars {
            if scalar == " " {
                atWordStart = true
                continue
            }
            guard let letterCase = letterCase(scalar) else { return false }
            if letterCase != (atWordStart ? .upper : .lower) { return false }
            atWordStart = false
        }
        return true
    }

    enum LetterCase { case upper, lower }

    /// The case of a letter, from a table for ASCII and the Latin ranges; nil for anything else (a
    /// mark, a digit, another script), which takes the long way.
    private static func letterCase(_ scalar: Unicode.Scalar) -> LetterCase? {
        let value = scalar.value
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A { return .upper }
            if value >= 0x61 && value <= 0x7A { return .lower }
            return nil
        }
        for (index, range) in latinRanges.enumerated() where range.contains(Int(value)) {
            return latinCases[index][Int(value) - range.lowerBound]
        }
        return nil
    }

    private static let latinCases: [[LetterCase?]] = latinRanges.map { range in
        range.map { value in
            guard let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            if scalar.properties.isUppercase { return .upper }
            if scalar.properties.isLowercase { return .lower }
            return nil
        }
    }
}
