import Crypto
import Foundation

/// A list the centre publishes and anyone may copy (the trust list, the revocation list): its JSON
/// content as it was signed, base64 in an envelope beside the signature of the authority's key, so
/// that a verifier checks the very bytes that were signed and never a re-encoding of them.
public struct SignedList<Content: Codable & Sendable>: Sendable {
    public let content: Content
    /// The content's bytes, as signed.
    public let contentBytes: [UInt8]
    /// ES256 over `contentBytes`: r and s, 32 bytes each.
    public let signature: [UInt8]

    struct Envelope: Codable {
        var format: String
        var content: String
        var signature: String
    }

    public enum Failure: Error, Equatable {
        /// Not the envelope, or its content not the list it should be.
        case malformed
        /// The signature is not the authority's.
        case badSignature
    }

    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Signs the content with the authority's key.
    public init(signing content: Content, with key: P256.Signing.PrivateKey) throws {
        self.content = content
        contentBytes = Array(try Self.encoder.encode(content))
        signature = Array(try key.signature(for: contentBytes).rawRepresentation)
    }

    /// Reads an envelope, checking its signature against `key`.
    public init(json: Data, signedBy key: P256.Signing.PublicKey) throws {
        guard let envelope = try? Self.decoder.decode(Envelope.self, from: json),
              envelope.format == "vaxdesk-signed-list/1",
              let bytes = Data(base64Encoded: envelope.content), let signature = Data(base64Encoded: envelope.signature)
        else { throw Failure.malformed }
        guard let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature),
              key.isValidSignature(ecdsa, for: bytes)
        else { throw Failure.badSignature }
        guard let content = try? Self.decoder.decode(Content.self, from: bytes) else { throw Failure.malformed }
        self.content = content
        contentBytes = Array(bytes)
        self.signature = Array(signature)
    }

    /// The content of an envelope, its signature not yet checked: to find the key that must have made it.
    public static func unverifiedContent(of json: Data) throws -> Content {
        guard let envelope = try? decoder.decode(Envelope.self, from: json),
              let bytes = Data(base64Encoded: envelope.content),
              let content = try? decoder.decode(Content.self, from: bytes)
        else { throw Failure.malformed }
        return content
    }

    public func json() throws -> Data {
        try Self.encoder.encode(Envelope(format: "vaxdesk-signed-list/1", content: Data(contentBytes).base64EncodedString(),
                                         signature: Data(signature).base64EncodedString()))
    }
}
