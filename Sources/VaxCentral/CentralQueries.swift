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
        let (filter, values) = CentralSQL.searchFilter(search) { _ in "?" }
        let arguments = StatementArguments(values)
        return try await pool.read { db in
            let total = try Int.fetchOne(db, sql: CentralSQL.searchCount(filter), arguments: arguments) ?? 0
            guard search.limit > 0 else { return (total, []) }
            return (total, try String.fetchAll(db, sql: CentralSQL.searchPage(filter, limit: search.limit), arguments: arguments))
        }
    }

    /// Doses given, by day, site, product and dose number.
    public func dosesReport() async throws -> [DosesRow] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: CentralSQL.dosesReport)
                .map { DosesRow(day: $0[0], site: $0[1], product: $0[2], doseNumber: $0[3], doses: $0[4]) }
        }
    }

    /// Vaccine use and wastage by site and product: doses given, vials opened, doses wasted.
    public func vaccineUseReport() async throws -> [VaccineUseRow] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: CentralSQL.vaccineUseReport)
                .map { VaccineUseRow(site: $0[0], product: $0[1], dosesGiven: $0[2], vialsOpened: $0[3], dosesWasted: $0[4]) }
        }
    }

    /// Adverse events by day and site, serious and not.
    public func adverseEventsReport() async throws -> [AdverseEventsRow] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: CentralSQL.adverseEventsReport)
                .map { AdverseEventsRow(day: $0[0], site: $0[1], serious: $0[2], nonSerious: $0[3]) }
        }
    }
}
