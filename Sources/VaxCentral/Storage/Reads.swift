import Foundation

/// A search of one resource type: by identifier (`system|value` or a value alone) and by patient.
public struct ResourceSearch: Sendable {
    var type: String
    var identifier: String?
    var patient: String?
    /// At most this many resources in the answer (the total counts them all).
    var limit = 100
}

/// The centre's aggregate reports, as JSON.
public struct DosesRow: Codable, Hashable, Sendable {
    public var day: String
    public var site: String
    public var product: String
    public var doseNumber: Int?
    public var doses: Int
}

public struct VaccineUseRow: Codable, Hashable, Sendable {
    public var site: String
    public var product: String
    public var dosesGiven: Int
    public var vialsOpened: Int
    public var dosesWasted: Int
}

public struct AdverseEventsRow: Codable, Hashable, Sendable {
    public var day: String
    public var site: String
    public var serious: Int
    public var nonSerious: Int
}

/// The centre's reads, written once for SQLite and PostgreSQL, each held to what the principal may see.
extension CentralStorage {
    /// A resource's JSON by type and id, if `principal` may see it (nil either way: a record another
    /// site holds is not said to exist).
    public func resource(type: String, id: String, for principal: Principal) async throws -> String? {
        let visible = Visibility.resource(principal)
        return try await rows(CentralQuery(
            "SELECT r.json FROM resource r WHERE r.type = ? AND r.id = ? AND \(visible.sql)",
            [.text(type), .text(id)] + visible.values)).first?[0].text
    }

    /// The total of matching resources that `principal` may see, and the first `limit` of them.
    public func search(_ search: ResourceSearch, for principal: Principal) async throws -> (total: Int, resources: [String]) {
        var conditions = ["r.type = ?"], values: [SQLValue] = [.text(search.type)]
        if let identifier = search.identifier {
            let parts = identifier.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2 {
                conditions.append("EXISTS (SELECT 1 FROM resource_identifier i WHERE i.type = r.type AND i.id = r.id AND i.system = ? AND i.value = ?)")
                values += [.text(parts[0]), .text(parts[1])]
            } else {
                conditions.append("EXISTS (SELECT 1 FROM resource_identifier i WHERE i.type = r.type AND i.id = r.id AND i.value = ?)")
                values.append(.text(identifier))
            }
        }
        if let patient = search.patient {
            conditions.append("r.patient_id = ?")
            values.append(.text(patient.hasPrefix("Patient/") ? String(patient.dropFirst(8)) : patient))
        }
        let visible = Visibility.resource(principal)
        conditions.append(visible.sql)
        values += visible.values
        let filter = conditions.joined(separator: " AND ")
        let total = try await rows(CentralQuery("SELECT COUNT(*) FROM resource r WHERE \(filter)", values)).first?[0].int ?? 0
        guard search.limit > 0 else { return (total, []) }
        let page = try await rows(CentralQuery(
            "SELECT r.json FROM resource r WHERE \(filter) ORDER BY r.updated_at, r.id LIMIT \(search.limit)", values))
        return (total, page.compactMap { $0[0].text })
    }

    /// Doses given, by day, site, product and dose number, at the sites `principal` reads.
    public func dosesReport(for principal: Principal) async throws -> [DosesRow] {
        let sites = Visibility.sites(principal)
        return try await rows(CentralQuery("""
            SELECT r.day, s.name, r.product, r.dose_number, COUNT(*)
            FROM resource r JOIN site s ON s.id = r.site_id
            WHERE r.type = 'Immunization' AND r.status = 'completed' AND r.site_id IN \(sites.sql)
            GROUP BY r.day, s.name, r.product, r.dose_number ORDER BY r.day, s.name, r.product, r.dose_number
            """, sites.values)).map {
            DosesRow(day: $0[0].text ?? "", site: $0[1].text ?? "", product: $0[2].text ?? "", doseNumber: $0[3].int,
                     doses: $0[4].int ?? 0)
        }
    }

    /// Vaccine use and wastage by site and product: doses given, vials opened, doses wasted.
    public func vaccineUseReport(for principal: Principal) async throws -> [VaccineUseRow] {
        let sites = Visibility.sites(principal)
        return try await rows(CentralQuery("""
            SELECT s.name, r.product,
                   SUM(CASE WHEN r.type = 'Immunization' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r.type = 'Basic' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r.type = 'Basic' THEN COALESCE(r.doses_wasted, 0) ELSE 0 END)
            FROM resource r JOIN site s ON s.id = r.site_id
            WHERE ((r.type = 'Immunization' AND r.status = 'completed') OR r.type = 'Basic') AND r.product IS NOT NULL
                  AND r.site_id IN \(sites.sql)
            GROUP BY s.name, r.product ORDER BY s.name, r.product
            """, sites.values)).map {
            VaccineUseRow(site: $0[0].text ?? "", product: $0[1].text ?? "", dosesGiven: $0[2].int ?? 0,
                          vialsOpened: $0[3].int ?? 0, dosesWasted: $0[4].int ?? 0)
        }
    }

    /// Adverse events by day and site, serious and not. `serious` is an integer in SQLite and a
    /// boolean in PostgreSQL: `CASE WHEN` reads both.
    public func adverseEventsReport(for principal: Principal) async throws -> [AdverseEventsRow] {
        let sites = Visibility.sites(principal)
        return try await rows(CentralQuery("""
            SELECT COALESCE(r.day, ''), s.name,
                   SUM(CASE WHEN r.serious THEN 1 ELSE 0 END), SUM(CASE WHEN r.serious THEN 0 ELSE 1 END)
            FROM resource r JOIN site s ON s.id = r.site_id WHERE r.type = 'AdverseEvent' AND r.site_id IN \(sites.sql)
            GROUP BY COALESCE(r.day, ''), s.name ORDER BY 1, 2
            """, sites.values)).map {
            AdverseEventsRow(day: $0[0].text ?? "", site: $0[1].text ?? "", serious: $0[2].int ?? 0, nonSerious: $0[3].int ?? 0)
        }
    }
}
