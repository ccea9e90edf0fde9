import GRDB

/// Shipped: never edit this file (a test holds it to its checksum). A new need is a new migration.
/// The products a visit's series allows, as a JSON array instead of comma-separated text: a list is a
/// list in the column, read and written by one codec.
enum V12AllowedProductsAsJSON: SchemaMigration {
    static let identifier = "v12-allowed-products-json"

    static func migrate(_ db: Database) throws {
        // Product codes are catalog codes (letters, digits, hyphens): no quote or comma to escape.
        try db.execute(sql: """
            UPDATE visit SET allowed_products = '["' || replace(allowed_products, ',', '","') || '"]'
            WHERE allowed_products IS NOT NULL AND allowed_products != '';
            UPDATE visit SET allowed_products = '[]' WHERE allowed_products = '';
            """)
    }
}
