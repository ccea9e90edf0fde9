import _CryptoExtras
import Crypto
import Foundation
import VaxCore

/// A staff PIN as stored: PBKDF2-HMAC-SHA256 of the PIN with a salt of its own, and the rounds used
/// (kept per row, so that raising the count later leaves older PINs readable).
struct PINHash: Sendable {
    /// The floor `_CryptoExtras` enforces, and OWASP's figure for PBKDF2-SHA256.
    static let rounds = 210_000

    let hash: Data
    let salt: Data
    let rounds: Int

    /// Hashes a new PIN with a fresh random salt.
    init(pin: String) throws {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        try self.init(pin: pin, salt: salt, rounds: Self.rounds)
    }

    init(pin: String, salt: Data, rounds: Int) throws {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Data(pin.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
        self.init(hash: key.withUnsafeBytes { Data($0) }, salt: salt, rounds: rounds)
    }

    init(hash: Data, salt: Data, rounds: Int) {
        self.hash = hash
        self.salt = salt
        self.rounds = rounds
    }

    /// Whether `pin` is the PIN this was made from. The comparison takes the same time wherever the
    /// first differing byte is.
    func matches(_ pin: String) -> Bool {
        guard let candidate = try? PINHash(pin: pin, salt: salt, rounds: rounds) else { return false }
        return ConstantTime.equal(candidate.hash, hash)
    }
}

extension Data {
    var hex: String { map { String(format: "%02x", $0) }.joined() }

    init?(hex: String) {
        let bytes = Array(hex.utf8)
        guard bytes.count % 2 == 0 else { return nil }
        var data = Data(capacity: bytes.count / 2)
        var index = 0
        while index < bytes.count {
            guard let byte = UInt8(String(decoding: bytes[index ..< index + 2], as: UTF8.self), radix: 16) else { return nil }
            data.append(byte)
            index += 2
        }
        self = data
    }
}
