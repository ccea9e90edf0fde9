/// The centre's reads, written once for SQLite and PostgreSQL: the SQL both dialects speak, with the
/// placeholders (`?`, `$1`) left to each store. Only ingest differs enough to be written twice.
enum CentralSQL {
    /// The WHERE clause of a search and the values it binds, in order; `placeholder(n)` is the n-th
    /// (from 1) as the dialect writes it.
    static func searchFilter(_ search: ResourceSearch, placeholder: (Int) -> String) -> (filter: String, values: [String]) {
        var values = [search.type]
        var conditions = ["r.type = \(placeholder(1))"]
        func bind(_ value: String) -> String {
            values.append(value)
            return placeholder(values.count)
        }
        if let identifier = search.identifier {
            let parts = identifier.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let match = parts.count == 2
                ? "i.system = \(bind(parts[0])) AND i.value = \(bind(parts[1]))"
                : "i.value = \(bind(identifier))"
            conditions.append("EXISTS (SELECT 1 FROM resource_identifier i WHERE i.type = r.type AND i.id = r.id AND \(match))")
        }
        if let patient = search.patient {
            conditions.append("r.patient_id = \(bind(patient.hasPrefix("Patient/") ? String(patient.dropFirst(8)) : patient))")
        }
        return (conditions.joined(separator: " AND "), values)
    }

    static func searchCount(_ filter: String) -> String { "SELECT COUNT(*) FROM resource r WHERE \(filter)" }

    static func searchPage(_ filter: String, limit: Int) -> String {
        "SELECT r.json FROM resource r WHERE \(filter) ORDER BY r.updated_at, r.id LIMIT \(limit)"
    }

    /// Day, site, product, dose number, doses.
    static let dosesReport = """
        SELECT r.day, s.name, r.product, r.dose_number, CAST(COUNT(*) AS INTEGER)
        FROM resource r JOIN site s ON s.id = r.site_id
        WHERE r.type = 'Immunization' AND r.status = 'completed'
        GROUP BY r.day, s.name, r.product, r.dose_number ORDER BY r.day, s.name, r.product, r.dose_number
        """

    /// Site, product, doses given, vials opened, doses wasted.
    static let vaccineUseReport = """
        SELECT s.name, r.product,
               CAST(SUM(CASE WHEN r.type = 'Immunization' THEN 1 ELSE 0 END) AS INTEGER),
               CAST(SUM(CASE WHEN r.type = 'Basic' THEN 1 ELSE 0 END) AS INTEGER),
               CAST(SUM(CASE WHEN r.type = 'Basic' THEN COALESCE(r.doses_wasted, 0) ELSE 0 END) AS INTEGER)
        FROM resource r JOIN site s ON s.id = r.site_id
        WHERE ((r.type = 'Immunization' AND r.status = 'completed') OR r.type = 'Basic') AND r.product IS NOT NULL
        GROUP BY s.name, r.product ORDER BY s.name, r.product
        """

    /// Day, site, serious events, other events. `serious` is an integer in SQLite and a boolean in
    /// PostgreSQL: `CASE WHEN` reads both.
    static let adverseEventsReport = """
        SELECT COALESCE(r.day, ''), s.name,
               CAST(SUM(CASE WHEN r.serious THEN 1 ELSE 0 END) AS INTEGER),
               CAST(SUM(CASE WHEN r.serious THEN 0 ELSE 1 END) AS INTEGER)
        FROM resource r JOIN site s ON s.id = r.site_id WHERE r.type = 'AdverseEvent'
        GROUP BY COALESCE(r.day, ''), s.name ORDER BY 1, 2
        """
}
