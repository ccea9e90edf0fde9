import Foundation

/// A list of product codes as the store keeps it in a column: a JSON array (NULL: any product).
enum ProductList {
    static func stored(_ codes: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(codes), as: UTF8.self)
    }

    /// The stored list; a value that is not a JSON array of codes is refused, never read as "any".
    static func read(_ stored: String?) throws -> [String]? {
        guard let stored else { return nil }
        do {
            return try JSONDecoder().decode([String].self, from: Data(stored.utf8))
        } catch {
            throw BadStoredValue(column: "visit.allowed_products", value: stored)
        }
    }
}
