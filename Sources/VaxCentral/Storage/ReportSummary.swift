import Foundation
import VaxCore

/// The counts every report reads (`report_count`), kept up to date from the centre's order of
/// changes: a change to a resource recomputes the (site, day) groups it falls in, so that a report of
/// ten million doses sums a few thousand rows. A group is always recomputed whole from the stored
/// rows, never incremented, so doing it twice (two instances, a retry) gives the same counts.
extension CentralStorage {
    /// Brings the counts up to every committed change; how many (site, day) groups were recomputed.
    /// From nothing (a new centre, or after `rebuildReports`), the whole table is counted at once.
    @discardableResult
    public func refreshReports(at date: Date = Date()) async throws -> Int {
        let horizon = try await changeHorizon()
        guard let state = try await rows(CentralQuery("SELECT change_xid, change_seq FROM report_state WHERE id = 1")).first
        else { return 0 }
        var cursor = (xid: state[0].int ?? 0, seq: state[1].int ?? 0)
        if cursor == (0, 0) { return try await rebuildReports(below: horizon, at: date) }
        var recomputed = 0
        while true {
            // Up to 50,000 changes read, then their groups recomputed once each: a site pushing a day's
            // backlog changes its one group thousands of times, and it is counted once.
            var changed: [[SQLValue]] = []
            var last = cursor
            while changed.count < 50_000 {
                let page = try await rows(CentralQuery("""
                    SELECT type, id, site_id, day, patient_id, change_xid, change_seq FROM resource
                    WHERE change_xid < ? AND (change_xid, change_seq) > (?, ?)
                    ORDER BY change_xid, change_seq LIMIT 5000
                    """, [.int(horizon), .int(last.xid), .int(last.seq)]))
                guard let end = page.last, let xid = end[5].int, let seq = end[6].int else { break }
                changed += page
                last = (xid, seq)
                if page.count < 5000 { break }
            }
            guard !changed.isEmpty else { return recomputed }
            let groups = try await groups(touchedBy: changed)
            try await transaction([ReportCounts.serialize(date)] + ReportCounts.replace(groups) + [
                CentralQuery("UPDATE report_state SET change_xid = ?, change_seq = ?, refreshed_at = ? WHERE id = 1",
                             [.int(last.xid), .int(last.seq), SQLValue(date)]),
            ])
            recomputed += groups.count
            cursor = last
        }
    }

    /// Counts everything again from the stored rows, in one transaction (after facts were backfilled).
    @discardableResult
    public func rebuildReports(at date: Date = Date()) async throws -> Int {
        try await rebuildReports(below: try await changeHorizon(), at: date)
    }

    private func rebuildReports(below horizon: Int, at date: Date) async throws -> Int {
        // Rows committed while counting are counted now and their groups again at the next refresh:
        // harmless, a group is replaced whole.
        let last = try await rows(CentralQuery(
            "SELECT change_xid, change_seq FROM resource WHERE change_xid < ? ORDER BY change_xid DESC, change_seq DESC LIMIT 1",
            [.int(horizon)])).first
        try await transaction([
            ReportCounts.serialize(date),
            CentralQuery("DELETE FROM report_count"),
            ReportCounts.insert(where: "", []),
            CentralQuery("DELETE FROM report_total"),
            ReportCounts.totals(where: "", []),
            CentralQuery("UPDATE report_state SET change_xid = ?, change_seq = ?, refreshed_at = ? WHERE id = 1",
                         [SQLValue(last?[0].int ?? 0), SQLValue(last?[1].int ?? 0), SQLValue(date)]),
        ])
        return try await rows(CentralQuery("SELECT COUNT(DISTINCT site_id || ' ' || day) FROM report_count")).first?[0].int ?? 0
    }

    /// The groups changed rows fall in: a vial's own; for a person's dose, event or record, every group
    /// of that person's doses and events (a dose 2 changes how far the dose-1 group's people went; a
    /// corrected birth date, their age band).
    private func groups(touchedBy changed: [[SQLValue]]) async throws -> Set<ReportCounts.Group> {
        var groups = Set<ReportCounts.Group>()
        var people = Set<String>()
        for row in changed {
            guard let type = row[0].text, let site = row[2].text else { continue }
            switch type {
            case "Patient": row[1].text.map { _ = people.insert($0) }
            case "Immunization", "AdverseEvent":
                row[4].text.map { _ = people.insert($0) }
                groups.insert(ReportCounts.Group(site: site, day: row[3].text ?? ""))
            case "Basic": groups.insert(ReportCounts.Group(site: site, day: row[3].text ?? ""))
            default: break
            }
        }
        for chunk in Array(people).chunked(500) {
            let found = try await rows(CentralQuery("""
                SELECT DISTINCT site_id, COALESCE(day, '') FROM resource
                WHERE type IN ('Immunization', 'AdverseEvent') AND patient_id IN (\(ReportCounts.placeholders(chunk.count)))
                """, chunk.map(SQLValue.text)))
            for row in found { if let site = row[0].text { groups.insert(ReportCounts.Group(site: site, day: row[1].text ?? "")) } }
        }
        return groups
    }
}

/// The SQL of `report_count`: what each kind counts, and how a group is replaced.
enum ReportCounts {
    struct Group: Hashable {
        var site: String
        var day: String
    }

    /// The first statement of every transaction that writes the counts: it locks the one row of
    /// `report_state`, so that two instances counting at once take turns (on PostgreSQL; SQLite has one
    /// writer) instead of deadlocking on each other's groups.
    static func serialize(_ date: Date) -> CentralQuery {
        CentralQuery("UPDATE report_state SET refreshed_at = ? WHERE id = 1", [SQLValue(date)])
    }

    /// The statements that replace `groups`' counts, a few hundred groups per statement, then the
    /// totals of the sites they are of.
    static func replace(_ groups: Set<Group>) -> [CentralQuery] {
        let ordered = groups.sorted { ($0.site, $0.day) < ($1.site, $1.day) }
        let counts = ordered.chunked(400).flatMap { chunk -> [CentralQuery] in
            let pairs = Array(repeating: "(?, ?)", count: chunk.count).joined(separator: ", ")
            let values = chunk.flatMap { [SQLValue.text($0.site), .text($0.day)] }
            var statements = [CentralQuery("DELETE FROM report_count WHERE (site_id, day) IN (VALUES \(pairs))", values)]
            // `r.day` bare, not COALESCEd, so that the index by type, site and day finds the rows; a
            // group of no day (an event without a date) is the site's rows without one.
            let dated = chunk.filter { !$0.day.isEmpty }, undated = chunk.filter { $0.day.isEmpty }
            if !dated.isEmpty {
                statements.append(insert(where: "AND (r.site_id, r.day) IN (VALUES \(Array(repeating: "(?, ?)", count: dated.count).joined(separator: ", ")))",
                                         dated.flatMap { [SQLValue.text($0.site), .text($0.day)] }))
            }
            if !undated.isEmpty {
                statements.append(insert(where: "AND r.day IS NULL AND r.site_id IN (\(placeholders(undated.count)))",
                                         undated.map { .text($0.site) }))
            }
            return statements
        }
        let sites = Set(groups.map(\.site)).sorted().chunked(400).flatMap { chunk -> [CentralQuery] in
            let values = chunk.map(SQLValue.text)
            return [CentralQuery("DELETE FROM report_total WHERE site_id IN (\(placeholders(chunk.count)))", values),
                    totals(where: "WHERE site_id IN (\(placeholders(chunk.count)))", values)]
        }
        return counts + sites
    }

    /// Each site's counts summed over every day, for the sites that `condition` keeps.
    static func totals(where condition: String, _ values: [SQLValue]) -> CentralQuery {
        CentralQuery("""
            INSERT INTO report_total (site_id, kind, product, dose_number, priority_group, age_band, n)
            SELECT site_id, kind, product, dose_number, priority_group, age_band, SUM(n) FROM report_count \(condition)
            GROUP BY site_id, kind, product, dose_number, priority_group, age_band
            """, values)
    }

    /// Counts the rows that `condition` (on `r`) keeps, by site, day, kind, product, dose number,
    /// priority group and age band. Each part below is one kind of count; voided records count nowhere.
    static func insert(where condition: String, _ values: [SQLValue]) -> CentralQuery {
        let person = "LEFT JOIN resource p ON p.type = 'Patient' AND p.id = r.patient_id"
        let group = "COALESCE(p.priority_group, '')"
        let band = ageBand(birth: "p.birth_date", day: "r.day")
        let day = "COALESCE(r.day, '')"
        let parts = [
            // Doses given, and people who came (screened: given a dose or not).
            """
            SELECT r.site_id, \(day) AS day, 'dose' AS kind, r.product AS product, COALESCE(r.dose_number, 0) AS dose_number,
                   \(group) AS priority_group, \(band) AS age_band, 1 AS w
            FROM resource r \(person) WHERE r.type = 'Immunization' AND r.status = 'completed' \(condition)
            """,
            // Not given, by why: deferred, contraindicated, referred, refused.
            """
            SELECT r.site_id, \(day), COALESCE(r.reason, 'other'), '', 0, \(group), \(band), 1
            FROM resource r \(person) WHERE r.type = 'Immunization' AND r.status = 'not-done' \(condition)
            """,
            """
            SELECT site_id, day, 'people', '', 0, priority_group, age_band, 1 FROM (
                SELECT DISTINCT r.site_id, \(day) AS day, r.patient_id, \(group) AS priority_group, \(band) AS age_band
                FROM resource r \(person)
                WHERE r.type = 'Immunization' AND r.status IN ('completed', 'not-done') \(condition)) came
            """,
            // Each first dose with the highest dose the person has had since, wherever: the series
            // completed, and dropout, are read from it.
            """
            SELECT r.site_id, \(day), 'dose1-reached', r.product,
                   COALESCE((SELECT MAX(x.dose_number) FROM resource x
                             WHERE x.type = 'Immunization' AND x.patient_id = r.patient_id AND x.status = 'completed'), 1),
                   \(group), \(band), 1
            FROM resource r \(person)
            WHERE r.type = 'Immunization' AND r.status = 'completed' AND r.dose_number = 1 \(condition)
            """,
            // `serious` is an integer in SQLite and a boolean in PostgreSQL: `CASE WHEN` reads both.
            """
            SELECT r.site_id, \(day), CASE WHEN r.serious THEN 'aefi-serious' ELSE 'aefi-common' END, '', 0, \(group), \(band), 1
            FROM resource r \(person) WHERE r.type = 'AdverseEvent' \(condition)
            """,
            "SELECT r.site_id, \(day), 'vials-opened', COALESCE(r.product, ''), 0, '', '', 1 FROM resource r WHERE r.type = 'Basic' \(condition)",
            """
            SELECT r.site_id, \(day), 'vial-doses', COALESCE(r.product, ''), 0, '', '', COALESCE(r.doses_per_vial, 0)
            FROM resource r WHERE r.type = 'Basic' \(condition)
            """,
            """
            SELECT r.site_id, \(day), 'doses-wasted', COALESCE(r.product, ''), 0, '', '', COALESCE(r.doses_wasted, 0)
            FROM resource r WHERE r.type = 'Basic' \(condition)
            """,
        ]
        let sql = """
            INSERT INTO report_count (site_id, day, kind, product, dose_number, priority_group, age_band, n)
            SELECT site_id, day, kind, product, dose_number, priority_group, age_band, SUM(w) FROM (
            \(parts.joined(separator: "\nUNION ALL\n"))
            ) counted
            GROUP BY site_id, day, kind, product, dose_number, priority_group, age_band
            ON CONFLICT (site_id, day, kind, product, dose_number, priority_group, age_band) DO UPDATE SET n = excluded.n
            """
        return CentralQuery(sql, Array(repeating: values, count: parts.count).flatMap { $0 })
    }

    /// The age band (`AgeBand`) on `day` of a person born on `birth` (`yyyy`, `yyyy-mm` or
    /// `yyyy-mm-dd`; with no day known, the birthday is taken as passed), as SQL; `?` when unknown.
    static func ageBand(birth: String, day: String) -> String {
        let age = """
            (CAST(SUBSTR(\(day), 1, 4) AS INTEGER) - CAST(SUBSTR(\(birth), 1, 4) AS INTEGER)
             - CASE WHEN LENGTH(\(birth)) = 10 AND SUBSTR(\(day), 6, 5) < SUBSTR(\(birth), 6, 5) THEN 1 ELSE 0 END)
            """
        let bands = AgeBand.allCases.reversed().map { "WHEN \(age) >= \($0.from) THEN '\($0.rawValue)'" }
        return "CASE WHEN \(birth) IS NULL OR LENGTH(\(birth)) < 4 OR \(day) IS NULL THEN '?' \(bands.joined(separator: " ")) ELSE '?' END"
    }

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}

extension Array {
    /// The array in pieces of at most `size`.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
