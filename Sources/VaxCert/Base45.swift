/// Base45 (RFC 9285): the text an HC1 QR code carries, from the 45 characters of the QR alphanumeric
/// mode, so that the code stays small. Two bytes become three characters, a last odd byte two.
public enum Base45 {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
    static let values: [UInt8: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2 * 3 + 2)
        var index = 0
        while index + 1 < bytes.count {
            let n = Int(bytes[index]) * 256 + Int(bytes[index + 1])
            out += [alphabet[n % 45], alphabet[n / 45 % 45], alphabet[n / 2025]]
            index += 2
        }
        if index < bytes.count {
            let n = Int(bytes[index])
            out += [alphabet[n % 45], alphabet[n / 45]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    public enum DecodingError: Error, Equatable {
        /// A character outside the 45, at this position.
        case badCharacter(Int)
        /// A length of 3n + 1 characters cannot be Base45.
        case badLength
        /// Three characters for a value above 65535, or two above 255, at this position.
        case overflow(Int)
    }

    public static func decode(_ text: String) throws -> [UInt8] {
        let characters = Array(text.utf8)
        guard characters.count % 3 != 1 else { throw DecodingError.badLength }
        var digits: [Int] = []
        digits.reserveCapacity(characters.count)
        for (position, character) in characters.enumerated() {
            guard let value = values[character] else { throw DecodingError.badCharacter(position) }
            digits.append(value)
        }
        var out: [UInt8] = []
        var index = 0
        while index < digits.count {
            if index + 2 < digits.count {
                let n = digits[index] + digits[index + 1] * 45 + digits[index + 2] * 2025
                guard n <= 0xFFFF else { throw DecodingError.overflow(index) }
                out += [UInt8(n >> 8), UInt8(n & 0xFF)]
                index += 3
            } else {
                let n = digits[index] + digits[index + 1] * 45
                guard n <= 0xFF else { throw DecodingError.overflow(index) }
                out.append(UInt8(n))
                index += 2
            }
        }
        return out
    }
}
