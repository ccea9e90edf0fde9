import Foundation
import VaxCore

extension CentralStorage {
    /// The id of the site of this name, and whether `principal` sees it; nil when the centre has none.
    func site(named name: String, seenBy principal: Principal) async throws -> (id: String, seen: Bool)? {
        let sites = Visibility.sites(principal)
        return try await rows(CentralQuery(
            "SELECT id, CASE WHEN id IN \(sites.sql) THEN 1 ELSE 0 END FROM site WHERE name = ?", sites.values + [.text(name)]
        )).first.flatMap { row in row[0].text.map { ($0, row[1].int == 1) } }
    }

    /// Stores registrations for a site's sessions: a person registered again for the same day (by
    /// their CCCD, else their name and birth date) has their slot moved, not a second appointment.
    /// How many were stored.
    func register(_ accepted: [(line: Int, person: Person, day: String, slot: String)], siteID: String, by who: String,
                  at date: Date) async throws -> Int {
        for entry in accepted {
            let key = entry.person.identityNumber ?? (NameFolding.fold(entry.person.fullName) + "|" + entry.person.birthDate.stored)
            let registration = Registration(id: UUID().uuidString.lowercased(), person: entry.person, day: entry.day, slot: entry.slot)
            let json = String(decoding: try JSONEncoder().encode(registration), as: UTF8.self)
            try await execute(CentralQuery("""
                INSERT INTO registration (id, site_id, day, slot, person_key, json, registered_by, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (site_id, day, person_key) DO UPDATE SET slot = excluded.slot, json = excluded.json,
                    registered_by = excluded.registered_by, registered_at = excluded.registered_at
                """, [.text(registration.id), .text(siteID), .text(entry.day), .text(entry.slot), .text(key), .text(json),
                      .text(who), .int(Int(date.timeIntervalSince1970))]))
        }
        return accepted.count
    }

    /// Cancels a registration, when it is for a site among `sites` (a subquery of site ids); whether it was.
    func cancelRegistration(_ id: String, sites: (sql: String, values: [SQLValue])) async throws -> Bool {
        guard try await rows(CentralQuery("SELECT 1 FROM registration WHERE id = ? AND site_id IN \(sites.sql)",
                                          [.text(id)] + sites.values)).first != nil
        else { return false }
        try await execute(CentralQuery("DELETE FROM registration WHERE id = ?", [.text(id)]))
        return true
    }

    /// A site's registrations for the days from `from` to `to`, by day, slot and name; each with the
    /// id it has at the centre.
    func registrations(siteID: String, from: String, to: String) async throws -> [Registration] {
        try await rows(CentralQuery("""
            SELECT id, json FROM registration WHERE site_id = ? AND day >= ? AND day <= ? ORDER BY day, slot, person_key
            """, [.text(siteID), .text(from), .text(to)])).compactMap { row in
            guard let id = row[0].text, var registration = row[1].text.flatMap({
                try? JSONDecoder().decode(Registration.self, from: Data($0.utf8))
            }) else { return nil }
            registration.id = id
            return registration
        }
    }
}
