import Foundation

/// JSON with times as ISO 8601 text and keys in order, for the centre's answers that are not FHIR
/// (audit heads, proposals) and for the site reading them back.
public enum ISO8601JSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
