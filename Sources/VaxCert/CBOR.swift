/// A CBOR value (RFC 8949), as far as a health certificate needs: integers, byte and text strings,
/// arrays, maps (in the order given: COSE and the HCERT claims are written in a fixed order, and
/// deterministic encoding is the writer's to keep), tags, booleans, null and floats read back.
public indirect enum CBOR: Hashable, Sendable {
    case unsigned(UInt64)
    /// -1 - n, as CBOR writes it.
    case negative(UInt64)
    case bytes([UInt8])
    case text(String)
    case array([CBOR])
    case map([(CBOR, CBOR)])
    case tagged(UInt64, CBOR)
    case bool(Bool)
    case null
    case double(Double)

    public static func int(_ value: Int) -> CBOR {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-1 - value))
    }

    /// The integer, when it is one that fits.
    public var int: Int? {
        switch self {
        case .unsigned(let n) where n <= UInt64(Int.max): Int(n)
        case .negative(let n) where n < UInt64(Int.max): -1 - Int(n)
        default: nil
        }
    }

    /// The value of `key` in a map.
    public subscript(key: CBOR) -> CBOR? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public static func == (lhs: CBOR, rhs: CBOR) -> Bool { lhs.encoded() == rhs.encoded() }
    public func hash(into hasher: inout Hasher) { hasher.combine(encoded()) }
}

extension CBOR {
    /// The value's bytes, each length in its shortest form.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    private static func head(_ major: UInt8, _ value: UInt64, into out: inout [UInt8]) {
        let type = major << 5
        switch value {
        case 0..<24: out.append(type | UInt8(value))
        case 24...0xFF: out += [type | 24, UInt8(value)]
        case 0x100...0xFFFF: out += [type | 25] + bigEndian(value, bytes: 2)
        case 0x1_0000...0xFFFF_FFFF: out += [type | 26] + bigEndian(value, bytes: 4)
        default: out += [type | 27] + bigEndian(value, bytes: 8)
        }
    }

    private static func bigEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0..<bytes).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .unsigned(let n): Self.head(0, n, into: &out)
        case .negative(let n): Self.head(1, n, into: &out)
        case .bytes(let bytes):
            Self.head(2, UInt64(bytes.count), into: &out)
            out += bytes
        case .text(let text):
            let utf8 = Array(text.utf8)
            Self.head(3, UInt64(utf8.count), into: &out)
            out += utf8
        case .array(let items):
            Self.head(4, UInt64(items.count), into: &out)
            for item in items { item.write(into: &out) }
        case .map(let pairs):
            Self.head(5, UInt64(pairs.count), into: &out)
            for (key, value) in pairs {
                key.write(into: &out)
                value.write(into: &out)
            }
        case .tagged(let tag, let value):
            Self.head(6, tag, into: &out)
            value.write(into: &out)
        case .bool(let value): out.append(value ? 0xF5 : 0xF4)
        case .null: out.append(0xF6)
        case .double(let value): out += [0xFB] + Self.bigEndian(value.bitPattern, bytes: 8)
        }
    }
}

extension CBOR {
    public enum DecodingError: Error, Equatable {
        /// The bytes end in the middle of a value.
        case truncated
        /// A kind of item this reader does not take (indefinite lengths, simple values other than
        /// false, true and null), at this offset.
        case unsupported(Int)
        /// A text string that is not UTF-8.
        case badText
        /// Bytes left after the value.
        case trailingBytes
        /// Nested deeper than a certificate ever is: refused rather than recursed into.
        case tooDeep
    }

    /// Reads one value that takes all of `bytes`.
    public static func decode(_ bytes: [UInt8]) throws -> CBOR {
        var reader = Reader(bytes: bytes)
        let value = try reader.value(depth: 0)
        guard reader.offset == bytes.count else { throw DecodingError.trailingBytes }
        return value
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw DecodingError.truncated }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func take(_ count: UInt64) throws -> [UInt8] {
            guard count <= UInt64(bytes.count - offset) else { throw DecodingError.truncated }
            defer { offset += Int(count) }
            return Array(bytes[offset..<offset + Int(count)])
        }

        mutating func argument(_ low: UInt8, at start: Int) throws -> UInt64 {
            switch low {
            case 0..<24: return UInt64(low)
            case 24...27:
                return try take(1 << UInt64(low - 24)).reduce(0) { $0 << 8 | UInt64($1) }
            default: throw DecodingError.unsupported(start)
            }
        }

        mutating func value(depth: Int) throws -> CBOR {
            guard depth < 32 else { throw DecodingError.tooDeep }
            let start = offset
            let initial = try byte()
            let major = initial >> 5, low = initial & 0x1F
            if major == 7 {
                switch low {
                case 20: return .bool(false)
                case 21: return .bool(true)
                case 22: return .null
                case 25: return .double(Double(Float16(bitPattern: UInt16(try argument(low, at: start)))))
                case 26: return .double(Double(Float(bitPattern: UInt32(try argument(low, at: start)))))
                case 27: return .double(Double(bitPattern: try argument(low, at: start)))
                default: throw DecodingError.unsupported(start)
                }
            }
            let n = try argument(low, at: start)
            switch major {
            case 0: return .unsigned(n)
            case 1: return .negative(n)
            case 2: return .bytes(try take(n))
            case 3:
                guard let text = String(validating: try take(n), as: UTF8.self) else { throw DecodingError.badText }
                return .text(text)
            case 4:
                guard n <= UInt64(bytes.count - offset) else { throw DecodingError.truncated }
                return .array(try (0..<n).map { _ in try value(depth: depth + 1) })
            case 5:
                guard n <= UInt64(bytes.count - offset) else { throw DecodingError.truncated }
                return .map(try (0..<n).map { _ in (try value(depth: depth + 1), try value(depth: depth + 1)) })
            default: return .tagged(n, try value(depth: depth + 1))
            }
        }
    }
}
