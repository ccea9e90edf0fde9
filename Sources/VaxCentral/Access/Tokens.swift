import Crypto
import Foundation
import VaxCore

/// Tokens: `<id>.<secret>`, the id naming a site or (`o-…`) an officer. Only the SHA-256 of the
/// secret is kept; a token is shown once, when it is made.
enum Tokens {
    static let officerPrefix = "o-"

    /// A new random secret (32 bytes, base64url).
    static func secret() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            .base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `secret` is the one `stored` is the hash of, in constant time (a made-up hash when
    /// there is none, so that an unknown id takes as long as a wrong secret).
    static func matches(_ secret: String, _ stored: String?) -> Bool {
        let equal = ConstantTime.equal(Array(hash(secret).utf8), Array((stored ?? String(repeating: "0", count: 64)).utf8))
        return equal && stored != nil
    }
}

extension CentralStorage {
    /// Adds a site; returns its token, `<site id>.<secret>`, shown once. `province`, `district`: the
    /// codes of its area, which officers of that area read.
    public func addSite(name: String, province: String? = nil, district: String? = nil, commune: String? = nil,
                        at date: Date = Date()) async throws -> String {
        let id = UUID().uuidString.lowercased()
        let secret = Tokens.secret()
        try await insertSite(id: id, name: name, tokenHash: Tokens.hash(secret), at: date)
        if province != nil || district != nil || commune != nil {
            try await execute(CentralQuery("UPDATE site SET province = ?, district = ?, commune = ? WHERE id = ?",
                                           [SQLValue(province), SQLValue(district), SQLValue(commune), .text(id)]))
        }
        return "\(id).\(secret)"
    }

    /// Adds an officer's read-only account; returns its token, shown once.
    public func addOfficer(name: String, area: Area, at date: Date = Date()) async throws -> String {
        let id = Tokens.officerPrefix + UUID().uuidString.lowercased()
        let secret = Tokens.secret()
        let (level, code) = area.stored
        try await execute(CentralQuery(
            "INSERT INTO officer (id, name, level, area, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(id), .text(name), .text(level), SQLValue(code), .text(Tokens.hash(secret)), SQLValue(date)]))
        return "\(id).\(secret)"
    }

    /// The officers, by name: id, name, area, and whether their token was revoked.
    public func officers() async throws -> [(id: String, name: String, area: String, revoked: Bool)] {
        try await rows(CentralQuery("SELECT id, name, level, area, revoked_at FROM officer ORDER BY name")).map { row in
            let area = Area(level: row[2].text ?? "", code: row[3].text)?.description ?? "?"
            return (row[0].text ?? "", row[1].text ?? "", area, row[4] != .null)
        }
    }

    /// Who a token belongs to, or nil (unknown, wrong secret, or revoked).
    public func principal(forToken token: String) async throws -> Principal? {
        let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let (id, secret) = (parts[0], parts[1])
        if id.hasPrefix(Tokens.officerPrefix) {
            let row = try await rows(CentralQuery(
                "SELECT name, level, area, token_hash FROM officer WHERE id = ? AND revoked_at IS NULL", [.text(id)])).first
            guard Tokens.matches(secret, row?[3].text), let row, let area = Area(level: row[1].text ?? "", code: row[2].text)
            else { return nil }
            return .officer(Officer(id: id, name: row[0].text ?? "", area: area))
        }
        let row = try await rows(CentralQuery(
            "SELECT name, token_hash FROM site WHERE id = ? AND revoked_at IS NULL", [.text(id)])).first
        guard Tokens.matches(secret, row?[1].text), let row else { return nil }
        return .site(id: id, name: row[0].text ?? "")
    }

    /// A new token for the site or officer named; the old one stops working at once.
    public func rotateToken(of name: String) async throws -> String? {
        let secret = Tokens.secret()
        for table in ["site", "officer"] {
            guard let id = try await rows(CentralQuery("SELECT id FROM \(table) WHERE name = ?", [.text(name)])).first?[0].text
            else { continue }
            try await execute(CentralQuery("UPDATE \(table) SET token_hash = ?, revoked_at = NULL WHERE id = ?",
                                           [.text(Tokens.hash(secret)), .text(id)]))
            // A browser signed in with the old token is signed out with it.
            try await execute(CentralQuery("DELETE FROM dashboard_session WHERE officer_id = ?", [.text(id)]))
            return "\(id).\(secret)"
        }
        return nil
    }

    /// Revokes the token of the site or officer named; false when nobody has that name.
    public func revokeToken(of name: String, at date: Date = Date()) async throws -> Bool {
        for table in ["site", "officer"] {
            guard try await rows(CentralQuery("SELECT id FROM \(table) WHERE name = ?", [.text(name)])).first != nil else { continue }
            try await execute(CentralQuery("UPDATE \(table) SET revoked_at = ? WHERE name = ?", [SQLValue(date), .text(name)]))
            try await execute(CentralQuery(
                "DELETE FROM dashboard_session WHERE officer_id IN (SELECT id FROM officer WHERE name = ?)", [.text(name)]))
            return true
        }
        return false
    }
}
