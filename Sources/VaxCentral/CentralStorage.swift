import Crypto
import Foundation
import HTTPTypes
import VaxCore

/// Where the centre keeps sites and resources: SQLite (`CentralStore`) or PostgreSQL
/// (`PostgresCentralStore`, for several instances serving one country).
public protocol CentralStorage: Sendable {
    /// Creates the tables when missing.
    func migrate() async throws
    /// Adds a site with the hash of its token's secret.
    func insertSite(id: String, name: String, tokenHash: String, at date: Date) async throws
    func sites() async throws -> [(id: String, name: String)]
    /// The stored hash of a site's secret.
    func tokenHash(siteID: String) async throws -> String?
    /// Stores the checked resources of one Bundle for a site, in one transaction; each one's answer.
    /// With `atomic`, any refusal stores nothing and is thrown.
    func store(_ resources: [Result<StorableResource, EntryRefusal>], siteID: String, atomic: Bool, at date: Date)
        async throws -> [Result<HTTPResponse.Status, EntryRefusal>]
    func resource(type: String, id: String) async throws -> String?
    func search(_ search: ResourceSearch) async throws -> (total: Int, resources: [String])
    func dosesReport() async throws -> [DosesRow]
    func vaccineUseReport() async throws -> [VaccineUseRow]
    func adverseEventsReport() async throws -> [AdverseEventsRow]
}

extension CentralStorage {
    /// Adds a site; returns its token, `<site id>.<secret>`, shown once: only the SHA-256 of the secret
    /// is kept.
    public func addSite(name: String, at date: Date = Date()) async throws -> String {
        let id = UUID().uuidString.lowercased()
        var generator = SystemRandomNumberGenerator()
        let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            .base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        try await insertSite(id: id, name: name, tokenHash: TokenHash.of(secret), at: date)
        return "\(id).\(secret)"
    }

    /// The site a token belongs to, or nil. The site is found by the id before the dot; the secret's
    /// hash is then compared in constant time.
    public func site(forToken token: String) async throws -> String? {
        let parts = token.split(separator: ".", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let stored = try await tokenHash(siteID: String(parts[0]))
        // A made-up hash for an unknown site, so that both paths take the same time.
        let matches = ConstantTime.equal(Array(TokenHash.of(String(parts[1])).utf8), Array((stored ?? String(repeating: "0", count: 64)).utf8))
        return matches && stored != nil ? String(parts[0]) : nil
    }
}

enum TokenHash {
    static func of(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

}

/// What to do with a resource sent again, whatever the storage.
enum UpsertDecision {
    case refuse(EntryRefusal)
    /// The same content (a retry, a duplicate), or an older copy arriving late.
    case unchanged
    case write(version: Int, created: Bool)

    static func decide(existing: (siteID: String, json: String, version: Int, sourceUpdated: Date?)?,
                       _ resource: StorableResource, siteID: String) -> UpsertDecision {
        guard let existing else { return .write(version: 1, created: true) }
        // A person is vaccinated at one site and again at another: any site may send the Patient (the
        // first one stays its creator). What a site recorded (an Immunization, an AdverseEvent, a vial)
        // only that site may write.
        guard existing.siteID == siteID || resource.type == "Patient" else {
            return .refuse(EntryRefusal(status: .forbidden, message: "\(resource.type)/\(resource.id) was sent by another site"))
        }
        if existing.json == resource.json { return .unchanged }
        if let stored = existing.sourceUpdated, let sent = resource.sourceUpdated, sent < stored { return .unchanged }
        return .write(version: existing.version + 1, created: false)
    }
}
