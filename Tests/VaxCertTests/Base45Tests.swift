import Testing
import VaxCert

@Suite("Base45 (RFC 9285)")
struct Base45Tests {
    /// The examples of RFC 9285, sections 4.3 and 4.4.
    @Test("the RFC's examples, both ways", arguments: [
        ("AB", "BB8"), ("Hello!!", "%69 VD92EX0"), ("base-45", "UJCLQE7W581"), ("ietf!", "QED8WEX0"),
    ])
    func vectors(plain: String, encoded: String) throws {
        #expect(Base45.encode(Array(plain.utf8)) == encoded)
        #expect(try Base45.decode(encoded) == Array(plain.utf8))
    }

    @Test("every byte value and length round-trips; what is not Base45 is refused, never guessed")
    func roundTripAndRefusals() throws {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 97 + 255) }
            #expect(try Base45.decode(Base45.encode(bytes)) == bytes)
        }
        #expect(throws: Base45.DecodingError.badLength) { try Base45.decode("GGW1") }
        #expect(throws: Base45.DecodingError.overflow(0)) { try Base45.decode("GGW") }
        #expect(throws: Base45.DecodingError.badCharacter(1)) { try Base45.decode("Ba8") }
    }
}
