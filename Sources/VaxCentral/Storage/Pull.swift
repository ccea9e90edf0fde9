import Foundation
import VaxCore

extension CentralStorage {
    /// The site's catchment: the other sites of its district, or of its province when it has no
    /// district; nil when the centre set neither for it.
    func catchment(ofSite siteID: String) async throws -> (district: String?, province: String?)? {
        guard let row = try await rows(CentralQuery("SELECT district, province FROM site WHERE id = ?", [.text(siteID)])).first,
              row[0].text != nil || row[1].text != nil
        else { return nil }
        return (row[0].text, row[1].text)
    }

    /// The Patients and Immunizations recorded by the other sites of the catchment, changed after
    /// `cursor`, in the centre's order of changes, at most `limit`; with each Immunization's Patient
    /// (as it is now) ahead of it when the page lacks it. The site's own records merged into another
    /// (by an officer) come too, so that the site keeps one person where the centre does.
    func pull(siteID: String, catchment: (district: String?, province: String?), after cursor: PullCursor, limit: Int)
        async throws -> PullPage
    {
        let horizon = try await changeHorizon()
        let area = catchment.district.map { ("s.district = ?", SQLValue.text($0)) } ?? ("s.province = ?", SQLValue(catchment.province))
        let found = try await rows(CentralQuery("""
            SELECT r.type, r.json, r.change_xid, r.change_seq, s.name, r.patient_id
            FROM resource r JOIN site s ON s.id = r.site_id
            WHERE ((r.site_id <> ? AND \(area.0)) OR (r.site_id = ? AND r.type = 'Patient' AND r.status = 'merged'))
                AND r.change_xid < ? AND (r.change_xid, r.change_seq) > (?, ?)
            ORDER BY r.change_xid, r.change_seq LIMIT ?
            """, [.text(siteID), area.1, .text(siteID), .int(horizon), .int(cursor.xid), .int(cursor.seq), .int(limit + 1)]))
        // The types are told apart here, not in the query: a condition on the type leads SQLite to its
        // index by type and a sort of every row of the catchment for each page (1.2 s a page at 600,000
        // resources, against 6 ms along the index of changes). The cursor passes the others too.
        let scanned = found.prefix(limit)
        let page = scanned.filter { ["Patient", "Immunization"].contains($0[0].text ?? "") }
        var entries: [PullPage.Entry] = []
        // The Patients this page has given so far: a dose whose Patient it has not (given on an earlier
        // page, or changed since and so later in the order) brings it first, for the site files a dose
        // under its person.
        var patients = Set<String>()
        for row in page {
            guard let json = row[1].text, let resource = try? JSONDecoder().decode(FHIRResource.self, from: Data(json.utf8))
            else { continue }
            if case .patient = resource, let id = resource.id { patients.insert(id) }
            if case .immunization = resource, let patient = row[5].text, !patients.contains(patient) {
                if let own = try await rows(CentralQuery("""
                    SELECT r.json, s.name FROM resource r JOIN site s ON s.id = r.site_id WHERE r.type = 'Patient' AND r.id = ?
                    """, [.text(patient)])).first, let text = own[0].text,
                    let person = try? JSONDecoder().decode(FHIRResource.self, from: Data(text.utf8))
                {
                    entries.append(.init(site: own[1].text ?? "", resource: person))
                }
                patients.insert(patient)
            }
            entries.append(.init(site: row[4].text ?? "", resource: resource))
        }
        let last = scanned.last.map { PullCursor(xid: $0[2].int ?? 0, seq: $0[3].int ?? 0) } ?? cursor
        return PullPage(cursor: last.description, more: found.count > limit, entries: entries)
    }
}
