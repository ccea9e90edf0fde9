import Crypto
import Foundation

/// An HC1 text: the HCERT claims signed as COSE_Sign1, compressed with zlib, written in Base45 and
/// prefixed `HC1:`, as the QR code of a certificate carries it.
public enum HC1 {
    public static let prefix = "HC1:"

    /// What the signature covers: who issued, when, until when, and the certificate.
    public struct Claims: Equatable, Sendable {
        /// ISO 3166 alpha-2 of the issuing country.
        public var issuer: String
        public var issuedAt: Date
        public var expires: Date
        public var certificate: HealthCertificate

        public init(issuer: String, issuedAt: Date, expires: Date, certificate: HealthCertificate) {
            self.issuer = issuer
            self.issuedAt = issuedAt
            self.expires = expires
            self.certificate = certificate
        }

        /// CWT claims: 1 iss, 4 exp, 6 iat, -260 hcert {1: DCC}.
        var cbor: CBOR {
            .map([
                (.int(1), .text(issuer)),
                (.int(4), .int(Int(expires.timeIntervalSince1970))),
                (.int(6), .int(Int(issuedAt.timeIntervalSince1970))),
                (.int(-260), .map([(.int(1), certificate.cbor)])),
            ])
        }

        init(cbor: CBOR) throws {
            guard let dcc = cbor[.int(-260)]?[.int(1)] else { throw Failure.malformed("no hcert claim (-260)") }
            guard let exp = cbor[.int(4)]?.int, let iat = cbor[.int(6)]?.int else {
                throw Failure.malformed("no exp or iat claim")
            }
            let issuer: String
            if case .text(let text)? = cbor[.int(1)] { issuer = text } else { issuer = "" }
            do {
                self.init(issuer: issuer, issuedAt: Date(timeIntervalSince1970: TimeInterval(iat)),
                          expires: Date(timeIntervalSince1970: TimeInterval(exp)), certificate: try HealthCertificate(cbor: dcc))
            } catch HealthCertificate.Failure.missing(let field) {
                throw Failure.malformed("the certificate has no \(field)")
            }
        }
    }

    public enum Failure: Error, Equatable {
        /// Not an HC1 text, or something in it does not read; what, in plain words.
        case malformed(String)
    }

    /// Signs the claims and writes them as HC1 text.
    public static func encode(_ claims: Claims, kid: [UInt8], key: P256.Signing.PrivateKey) throws -> String {
        let message = try COSESign1.sign(payload: claims.cbor.encoded(), kid: kid, with: key)
        return prefix + Base45.encode(Zlib.compress(message.encoded()))
    }

    /// Reads an HC1 text into its signed message and its claims. Nothing is trusted yet: see `CertificateVerifier`.
    public static func decode(_ text: String) throws -> (message: COSESign1, claims: Claims) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(prefix) else { throw Failure.malformed("it does not begin with HC1:") }
        let bytes: [UInt8]
        do { bytes = try Base45.decode(String(trimmed.dropFirst(prefix.count))) } catch {
            throw Failure.malformed("not Base45 text")
        }
        // A message is compressed by every issuer we know; an uncompressed one starts with tag 18 (0xD2).
        let cose: [UInt8]
        if bytes.first == 0x78 {
            do { cose = try Zlib.decompress(bytes) } catch { throw Failure.malformed("not a zlib stream") }
        } else {
            cose = bytes
        }
        let message: COSESign1
        do { message = try COSESign1(bytes: cose) } catch { throw Failure.malformed("not a COSE_Sign1 message") }
        let claims: CBOR
        do { claims = try CBOR.decode(message.payload) } catch { throw Failure.malformed("its claims are not CBOR") }
        return (message, try Claims(cbor: claims))
    }
}
