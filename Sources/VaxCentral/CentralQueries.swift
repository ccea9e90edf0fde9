import Foundation
import GRDB

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

extension CentralStore {
    /// A resource's JSON by type and id.
    public func resource(type: String, id: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT json FROM resource WHERE type = ? AND id = ?", arguments: [type, id])
        }
    }

    /// The total of matching resources and the first `limit` of them.
    public func search(_ search: ResourceSearch) async throws -> (total: Int, resources: [String]) {
        try await pool.read { db in
            var conditions = ["r.type = ?"]
            var arguments: StatementArguments = [search.type]
            if let identifier = search.identifier {
                let parts = identifier.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                if parts.count == 2 {
                    conditions.append("EXISTS (SELECT 1 FROM resource_identifier i WHERE i.type = r.type AND i.id = r.id AND i.system = ? AND i.value = ?)")
                    arguments += [parts[0], parts[1]]
                } else {
                    conditions.append("EXISTS (SELECT 1 FROM resource_identifier i WHERE i.type = r.type AND i.id = r.id AND i.value = ?)")
                    arguments += [identifier]
                }
            }
            if let patient = search.patient {
                conditions.append("r.patient_id = ?")
                arguments += [patient.hasPrefix("Patient/") ? String(patient.dropFirst(8)) : patient]
            }
            let filter = conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM resource r WHERE \(filter)", arguments: arguments) ?? 0
            guard search.limit > 0 else { return (total, []) }
            let resources = try String.fetchAll(
                db, sql: "SELECT r.json FROM resource r WHERE \(filter) ORDER BY r.updated_at, r.id LIMIT \(search.limit)",
                arguments: arguments)
            return (total, resources)
        }
    }

    /// Doses given, by day, site, product and dose number.
    public func dosesReport() async throws -> [DosesRow] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.day, s.name, r.product, r.dose_number, COUNT(*) AS doses
                FROM resource r JOIN site s ON s.id = r.site_id
                WHERE r.type = 'Immunization' AND r.status = 'completed'
                GROUP BY r.day, s.name, r.product, r.dose_number ORDER BY r.day, s.name, r.product, r.dose_number
                """).map { DosesRow(day: $0[0], site: $0[1], product: $0[2], doseNumber: $0[3], doses: $0[4]) }
        }
    }

    /// Vaccine use and wastage by site and product: doses given, vials opened, doses wasted.
    public func vaccineUseReport() async throws -> [VaccineUseRow] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.name, r.product,
                       SUM(CASE WHEN r.type = 'Immunization' AND r.status = 'completed' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN r.type = 'Basic' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN r.type = 'Basic' THEN COALESCE(r.doses_wasted, 0) ELSE 0 END)
                FROM resource r JOIN site s ON s.id = r.site_id
                WHERE ((r.type = 'Immunization' AND r.status = 'completed') OR r.type = 'Basic') AND r.product IS NOT NULL
                GROUP BY s.name, r.product ORDER BY s.name, r.product
                """).map { VaccineUseRow(site: $0[0], product: $0[1], dosesGiven: $0[2], vialsOpened: $0[3], dosesWasted: $0[4]) }
        }
    }

    /// Adverse events by day and site, serious and not.
    public func adverseEventsReport() async throws -> [AdverseEventsRow] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT COALESCE(r.day, ''), s.name, SUM(r.serious = 1), SUM(COALESCE(r.serious, 0) = 0)
                FROM resource r JOIN site s ON s.id = r.site_id WHERE r.type = 'AdverseEvent'
                GROUP BY r.day, s.name ORDER BY r.day, s.name
                """).map { AdverseEventsRow(day: $0[0], site: $0[1], serious: $0[2], nonSerious: $0[3]) }
        }
    }
}
