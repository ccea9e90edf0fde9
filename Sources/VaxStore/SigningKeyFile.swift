import Crypto
import Foundation

/// The site's certificate signing key: a P-256 private key in PEM, in a file beside the database
/// (`site.db.signing-key`, readable by its owner only), made when the site asks the centre for its
/// document-signing certificate. It never leaves the machine but in the site's own backups: the
/// centre certifies its public half.
public enum SigningKeyFile {
    static let suffix = ".signing-key"
    public static func path(beside database: String) -> String { database + suffix }

    /// The key beside `database`, nil when there is none.
    public static func load(beside database: String) throws -> P256.Signing.PrivateKey? {
        guard let pem = try KeyFiles.read(path(beside: database)) else { return nil }
        guard let key = try? P256.Signing.PrivateKey(pemRepresentation: pem) else {
            throw SiteKeyProblem.damaged(path(beside: database))
        }
        return key
    }

    /// The key beside `database`, made when there is none yet.
    public static func loadOrCreate(beside database: String) throws -> P256.Signing.PrivateKey {
        if let key = try load(beside: database) { return key }
        let key = P256.Signing.PrivateKey()
        if try KeyFiles.createExclusive(path(beside: database), contents: key.pemRepresentation) { return key }
        guard let theirs = try load(beside: database) else { throw SiteKeyProblem.missing(path(beside: database)) }
        return theirs
    }
}
