import Foundation
import GRDB
import VaxCore

extension AppDatabase {
    /// Installs the document-signing certificate the centre issued for this site (site lead; audited).
    /// The newest installed is the one that signs; older ones stay, for the certificates they signed.
    public func installDocumentSigner(_ signer: StoredDocumentSigner, by staffID: UUID, at date: Date) throws {
        try write { db in
            try Self.requirePermission(.manageSigning, by: staffID, in: db)
            try db.execute(
                sql: """
                    INSERT INTO document_signer (kid, certificate, subject, not_before, not_after, installed_at, installed_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(kid) DO UPDATE SET installed_at = excluded.installed_at, installed_by = excluded.installed_by
                    """,
                arguments: [signer.kid, Data(signer.certificate), signer.subject, signer.notBefore, signer.notAfter,
                            date, staffID.text])
            try AuditLog.append(.signerInstalled, staffID: staffID, record: nil, detail: "kid \(signer.kid)", at: date, in: db)
        }
    }

    /// Audits that a request for a document-signing certificate was written (site lead).
    public func recordSignerRequested(by staffID: UUID, at date: Date) throws {
        try write { db in
            try Self.requirePermission(.manageSigning, by: staffID, in: db)
            try AuditLog.append(.signerRequested, staffID: staffID, record: nil, detail: nil, at: date, in: db)
        }
    }

    /// The document signer that signs now: the newest installed; nil when the site has none.
    public func documentSigner() throws -> StoredDocumentSigner? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM document_signer ORDER BY installed_at DESC, rowid DESC LIMIT 1").map { row in
                StoredDocumentSigner(kid: row["kid"], certificate: Array(row["certificate"] as Data), subject: row["subject"],
                                     notBefore: row["not_before"], notAfter: row["not_after"], installedAt: row["installed_at"])
            }
        }
    }

    /// Records a certificate just signed (audited, queued). The person's revoked certificates that no
    /// later one replaced yet are replaced by it.
    public func recordIssuedCertificate(_ certificate: IssuedCertificate, by staffID: UUID) throws {
        try commitEvent(.certificateIssued, by: staffID, at: certificate.issuedAt) { db in
            try db.execute(
                sql: """
                    INSERT INTO issued_certificate (id, identifier, person_id, kid, content_digest, hc1, issued_at, issued_by, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [certificate.id.text, certificate.identifier, certificate.personID.text, certificate.kid,
                            certificate.contentDigest, certificate.hc1, certificate.issuedAt, staffID.text, certificate.expiresAt])
            try db.execute(
                sql: """
                    UPDATE issued_certificate SET replaced_by = ?
                    WHERE person_id = ? AND revoked_at IS NOT NULL AND replaced_by IS NULL AND id <> ?
                    """,
                arguments: [certificate.id.text, certificate.personID.text, certificate.id.text])
            return (RecordRef(.certificate, certificate.id), ())
        }
    }

    /// The person's certificates, newest first.
    public func issuedCertificates(personID: UUID) throws -> [IssuedCertificate] {
        try read { db in try Self.issuedCertificates(personID: personID, in: db) }
    }

    static func issuedCertificates(personID: UUID, in db: Database) throws -> [IssuedCertificate] {
        try Row.fetchAll(
            db, sql: """
                SELECT c.*, s.code AS staff_code, r.identifier AS replaced_by_identifier
                FROM issued_certificate c LEFT JOIN staff s ON s.id = c.issued_by
                LEFT JOIN issued_certificate r ON r.id = c.replaced_by
                WHERE c.person_id = ? ORDER BY c.issued_at DESC, c.rowid DESC
                """,
            arguments: [personID.text]
        ).map(Self.issuedCertificate)
    }

    static func issuedCertificate(_ row: Row) throws -> IssuedCertificate {
        let reason: String? = row["revoked_reason"]
        return IssuedCertificate(
            id: try row.uuid("id"), identifier: row["identifier"], personID: try row.uuid("person_id"), kid: row["kid"],
            contentDigest: row["content_digest"], hc1: row["hc1"], issuedAt: row["issued_at"], expiresAt: row["expires_at"],
            staffCode: row["staff_code"], revokedAt: row["revoked_at"],
            revocationReason: reason.flatMap(IssuedCertificate.RevocationReason.init(rawValue:)),
            replacedBy: row["replaced_by_identifier"])
    }

    /// Revokes every certificate of the person still standing, inside the transaction of the change that
    /// made them untrue (a correction, a void, a merge), and queues each for the centre.
    static func revokeCertificates(
        personID: UUID, reason: IssuedCertificate.RevocationReason, at date: Date, in db: Database
    ) throws {
        let ids = try String.fetchAll(
            db, sql: "SELECT id FROM issued_certificate WHERE person_id = ? AND revoked_at IS NULL", arguments: [personID.text])
        for id in ids {
            try db.execute(sql: "UPDATE issued_certificate SET revoked_at = ?, revoked_reason = ? WHERE id = ?",
                           arguments: [date, reason.rawValue, id])
            guard let uuid = UUID(uuidString: id) else { continue }
            try Outbox.append(RecordRef(.certificate, uuid), event: .certificateRevoked, at: date, in: db)
        }
    }
}
