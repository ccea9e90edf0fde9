import Crypto

/// A COSE_Sign1 message (RFC 9052, CBOR tag 18) signed with ES256: the form an HCERT takes, and the
/// trust and revocation lists of the centre too. The protected header names the algorithm and the key
/// (`kid`); the signature covers that header and the payload together, so neither can be swapped.
public struct COSESign1: Equatable, Sendable {
    /// COSE header labels and the algorithm ES256 (ECDSA with P-256 and SHA-256).
    static let algorithmLabel = CBOR.int(1), kidLabel = CBOR.int(4), es256 = -7

    /// The protected header as it was signed: its bytes, not a re-encoding of them.
    public let protectedHeader: [UInt8]
    public let unprotectedHeader: CBOR
    public let payload: [UInt8]
    /// r and s, 32 bytes each.
    public let signature: [UInt8]

    public enum Failure: Error, Equatable {
        /// Not tag 18 around four parts of the right kinds.
        case notCOSESign1
        /// A signature algorithm other than ES256.
        case unsupportedAlgorithm(Int?)
    }

    /// Signs `payload` with `key`, naming the signer by `kid` in the protected header.
    public static func sign(payload: [UInt8], kid: [UInt8], with key: P256.Signing.PrivateKey) throws -> COSESign1 {
        let header = CBOR.map([(algorithmLabel, .int(es256)), (kidLabel, .bytes(kid))]).encoded()
        let signature = try key.signature(for: toBeSigned(protectedHeader: header, payload: payload))
        return COSESign1(protectedHeader: header, unprotectedHeader: .map([]), payload: payload,
                         signature: Array(signature.rawRepresentation))
    }

    public init(protectedHeader: [UInt8], unprotectedHeader: CBOR, payload: [UInt8], signature: [UInt8]) {
        self.protectedHeader = protectedHeader
        self.unprotectedHeader = unprotectedHeader
        self.payload = payload
        self.signature = signature
    }

    /// Reads a message, tagged 18 or (as some issuers write it) untagged.
    public init(bytes: [UInt8]) throws {
        var message = try CBOR.decode(bytes)
        if case .tagged(18, let inner) = message { message = inner }
        guard case .array(let parts) = message, parts.count == 4,
              case .bytes(let protected) = parts[0], case .map = parts[1],
              case .bytes(let payload) = parts[2], case .bytes(let signature) = parts[3]
        else { throw Failure.notCOSESign1 }
        if !protected.isEmpty {
            guard case .map = try CBOR.decode(protected) else { throw Failure.notCOSESign1 }
        }
        self.init(protectedHeader: protected, unprotectedHeader: parts[1], payload: payload, signature: signature)
    }

    /// The message as tag 18.
    public func encoded() -> [UInt8] {
        CBOR.tagged(18, .array([.bytes(protectedHeader), unprotectedHeader, .bytes(payload), .bytes(signature)])).encoded()
    }

    /// The header value of `label`: protected first, as COSE says, then unprotected.
    func header(_ label: CBOR) -> CBOR? {
        if !protectedHeader.isEmpty, let value = (try? CBOR.decode(protectedHeader))?[label] { return value }
        return unprotectedHeader[label]
    }

    /// The key identifier of the signer.
    public var kid: [UInt8]? {
        guard case .bytes(let kid)? = header(Self.kidLabel) else { return nil }
        return kid
    }

    /// Whether `key` made this signature, over this header and payload, with ES256.
    public func isSigned(by key: P256.Signing.PublicKey) throws -> Bool {
        let algorithm = header(Self.algorithmLabel)?.int
        guard algorithm == Self.es256 else { throw Failure.unsupportedAlgorithm(algorithm) }
        guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
        return key.isValidSignature(signature, for: Self.toBeSigned(protectedHeader: protectedHeader, payload: payload))
    }

    /// Sig_structure: what is signed (RFC 9052 §4.4), with no external data.
    static func toBeSigned(protectedHeader: [UInt8], payload: [UInt8]) -> [UInt8] {
        CBOR.array([.text("Signature1"), .bytes(protectedHeader), .bytes([]), .bytes(payload)]).encoded()
    }
}
