import Foundation
import VaxCore

/// A document signer the centre issued, as the trust list names it.
public struct IssuedSigner: Sendable, Hashable {
    public var kid: String
    public var siteID: String
    public var siteName: String
    /// Base64 DER.
    public var certificate: String
    public var notAfter: Date
    public var issuedAt: Date
    public var revokedAt: Date?
}

extension CentralStorage {
    /// The signing authority's certificate (base64 DER), nil before `signing init`.
    func signingAuthorityCertificate() async throws -> String? {
        try await rows(CentralQuery("SELECT certificate FROM signing_authority WHERE id = 1")).first?[0].text
    }

    func insertSigningAuthority(certificate: String, at date: Date) async throws {
        try await execute(CentralQuery("INSERT INTO signing_authority (id, certificate, created_at) VALUES (1, ?, ?)",
                                       [.text(certificate), SQLValue(date)]))
    }

    func insertDocumentSigner(kid: String, siteID: String, certificate: String, notAfter: Date, at date: Date) async throws {
        try await execute(CentralQuery(
            "INSERT INTO document_signer (kid, site_id, certificate, not_after, issued_at) VALUES (?, ?, ?, ?, ?)",
            [.text(kid), .text(siteID), .text(certificate), SQLValue(notAfter), SQLValue(date)]))
    }

    /// Every document signer issued, newest first.
    public func documentSigners() async throws -> [IssuedSigner] {
        try await rows(CentralQuery("""
            SELECT d.kid, d.site_id, s.name, d.certificate, d.not_after, d.issued_at, d.revoked_at
            FROM document_signer d JOIN site s ON s.id = d.site_id ORDER BY d.issued_at DESC
            """)).map {
            IssuedSigner(kid: $0[0].text ?? "", siteID: $0[1].text ?? "", siteName: $0[2].text ?? "", certificate: $0[3].text ?? "",
                         notAfter: $0[4].date ?? .distantPast, issuedAt: $0[5].date ?? .distantPast, revokedAt: $0[6].date)
        }
    }

    /// Takes a document signer off the trust list (its key lost or stolen): its certificates stop.
    /// Answers whether there was such a signer still standing.
    public func revokeDocumentSigner(kid: String, at date: Date) async throws -> Bool {
        let standing = try await rows(CentralQuery(
            "SELECT 1 FROM document_signer WHERE kid = ? AND revoked_at IS NULL", [.text(kid)]))
        guard !standing.isEmpty else { return false }
        try await execute(CentralQuery("UPDATE document_signer SET revoked_at = ? WHERE kid = ?", [SQLValue(date), .text(kid)]))
        return true
    }

    /// Puts a certificate identifier on the revocation list (once: the first time and reason stay).
    func revokeCertificate(identifier: String, siteID: String, reason: String, at date: Date) async throws {
        try await execute(CentralQuery(
            "INSERT INTO revoked_certificate (identifier, site_id, reason, revoked_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [.text(identifier), .text(siteID), .text(reason), SQLValue(date)]))
    }

    /// The certificates revoked, oldest first.
    func revokedCertificates() async throws -> [(identifier: String, reason: String, at: Date)] {
        try await rows(CentralQuery("SELECT identifier, reason, revoked_at FROM revoked_certificate ORDER BY revoked_at, identifier"))
            .map { ($0[0].text ?? "", $0[1].text ?? "", $0[2].date ?? .distantPast) }
    }
}
