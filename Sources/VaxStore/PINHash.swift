import _CryptoExtras
import Crypto
import Foundation
import VaxCore

/// A staff PIN as stored: PBKDF2-HMAC-SHA256 of the PIN with a salt of its own, and the rounds used
/// (kept per row, so that raising the count later leaves older PINs readable), then HMAC-SHA256 with
/// the site's key (`SiteKey`): the database alone is not enough to check a guess. `keyed` is false for
/// a hash made before the key (it is made again with the key at the next right sign-in).
struct PINHash: Sendable {
    /// The floor `_CryptoExtras` enforces, and OWASP's figure for PBKDF2-SHA256.
    static let rounds = 210_000

    let hash: Data
    let salt: Data
    let rounds: Int
    let keyed: Bool

    /// Hashes a new PIN with a fresh random salt and the site's key.
    init(pin: String, key: SymmetricKey) throws {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        try self.init(pin: pin, salt: salt, rounds: Self.rounds, key: key)
    }

    /// `key`: nil only to check a hash made before the site had one.
    init(pin: String, salt: Data, rounds: Int, key: SymmetricKey?) throws {
        let stretched = try KDF.Insecure.PBKDF2.deriveKey(
            from: Data(pin.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
        let hash = key.map { Data(HMAC<SHA256>.authenticationCode(for: stretched.withUnsafeBytes { Data($0) }, using: $0)) }
            ?? stretched.withUnsafeBytes { Data($0) }
        self.init(hash: hash, salt: salt, rounds: rounds, keyed: key != nil)
    }

    init(hash: Data, salt: Data, rounds: Int, keyed: Bool) {
        self.hash = hash
        self.salt = salt
        self.rounds = rounds
        self.keyed = keyed
    }

    /// Whether `pin` is the PIN this was made from (`key`: the site's, for a keyed hash). The
    /// comparison takes the same time wherever the first differing byte is.
    func matches(_ pin: String, key: SymmetricKey?) -> Bool {
        guard keyed == (key != nil), let candidate = try? PINHash(pin: pin, salt: salt, rounds: rounds, key: key) else {
            return false
        }
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
