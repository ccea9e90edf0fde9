import Testing
import VaxCert

@Suite("CBOR (RFC 8949)")
struct CBORTests {
    static func hex(_ text: String) -> [UInt8] {
        stride(from: 0, to: text.count, by: 2).map { i in
            UInt8(text[text.index(text.startIndex, offsetBy: i)..<text.index(text.startIndex, offsetBy: i + 2)], radix: 16)!
        }
    }

    /// Examples of RFC 8949, Appendix A, that a certificate's values take.
    static let vectors: [(CBOR, String)] = [
        (.int(0), "00"), (.int(1), "01"), (.int(10), "0a"), (.int(23), "17"), (.int(24), "1818"), (.int(25), "1819"),
        (.int(100), "1864"), (.int(1000), "1903e8"), (.int(1_000_000), "1a000f4240"),
        (.int(1_000_000_000_000), "1b000000e8d4a51000"), (.unsigned(18_446_744_073_709_551_615), "1bffffffffffffffff"),
        (.int(-1), "20"), (.int(-10), "29"), (.int(-100), "3863"), (.int(-1000), "3903e7"),
        (.bool(false), "f4"), (.bool(true), "f5"), (.null, "f6"),
        (.tagged(0, .text("2013-03-21T20:04:00Z")), "c074323031332d30332d32315432303a30343a30305a"),
        (.tagged(1, .int(1_363_896_240)), "c11a514b67b0"),
        (.bytes([]), "40"), (.bytes([1, 2, 3, 4]), "4401020304"),
        (.text(""), "60"), (.text("a"), "6161"), (.text("IETF"), "6449455446"), (.text("\"\\"), "62225c"),
        (.text("\u{fc}"), "62c3bc"), (.text("\u{6c34}"), "63e6b0b4"),
        (.array([]), "80"), (.array([.int(1), .int(2), .int(3)]), "83010203"),
        (.array([.int(1), .array([.int(2), .int(3)]), .array([.int(4), .int(5)])]), "8301820203820405"),
        (.array((1...25).map(CBOR.int)), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
        (.map([]), "a0"), (.map([(.int(1), .int(2)), (.int(3), .int(4))]), "a201020304"),
        (.map([(.text("a"), .int(1)), (.text("b"), .array([.int(2), .int(3)]))]), "a26161016162820203"),
        (.double(1.1), "fb3ff199999999999a"),
    ]

    @Test("the RFC's examples are written byte for byte and read back")
    func vectorsBothWays() throws {
        for (value, expected) in Self.vectors {
            #expect(value.encoded() == Self.hex(expected), "\(value)")
            #expect(try CBOR.decode(Self.hex(expected)) == value, "\(expected)")
        }
    }

    @Test("the shorter floats of the RFC are read; indefinite lengths, bad text and cut or trailing bytes are refused")
    func readingAndRefusals() throws {
        #expect(try CBOR.decode(Self.hex("f93c00")) == .double(1.0))
        #expect(try CBOR.decode(Self.hex("fa47c35000")) == .double(100_000.0))
        #expect(throws: CBOR.DecodingError.unsupported(0)) { try CBOR.decode(Self.hex("9f018202039f0405ffff")) }
        #expect(throws: CBOR.DecodingError.badText) { try CBOR.decode(Self.hex("62c328")) }
        #expect(throws: CBOR.DecodingError.truncated) { try CBOR.decode(Self.hex("1a000f42")) }
        #expect(throws: CBOR.DecodingError.truncated) { try CBOR.decode(Self.hex("9bffffffffffffffff")) }
        #expect(throws: CBOR.DecodingError.trailingBytes) { try CBOR.decode(Self.hex("0000")) }
        #expect(throws: CBOR.DecodingError.tooDeep) { try CBOR.decode([UInt8](repeating: 0x81, count: 40) + [0]) }
        let map = try CBOR.decode(Self.hex("a26161016162820203"))
        #expect(map[.text("a")]?.int == 1 && map[.text("c")] == nil)
    }
}
