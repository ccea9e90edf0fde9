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
            WHERE r.type IN ('Patient', 'Immunization')
                AND ((r.site_id <> ? AND \(area.0)) OR (r.site_id = ? AND r.type = 'Patient' AND r.status = 'merged'))
                AND r.change_xid < ? AND (r.change_xid > ? OR (r.change_xid = ? AND r.change_seq > ?))
            ORDER BY r.change_xid, r.change_seq LIMIT ?
            """, [.text(siteID), area.1, .text(siteID), .int(horizon), .int(cursor.xid), .int(cursor.xid), .int(cursor.seq),
                  .int(limit + 1)]))
        let page = found.prefix(limit)
        var entries: [PullPage.Entry] = []
        var patients = Set(page.filter { $0[0].text == "Patient" }.compactMap { row -> String? in
            (try? JSONDecoder().decode(FHIRResource.self, from: Data((row[1].text ?? "").utf8)))?.id
        })
        for row in page {
            guard let json = row[1].text, let resource = try? JSONDecoder().decode(FHIRResource.self, from: Data(json.utf8))
            else { continue }
            if case .immunization = resource, let patient = row[5].text, !patients.contains(patient) {
                // The Patient first: a site files a dose under its person.
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
        let last = page.last.map { PullCursor(xid: $0[2].int ?? 0, seq: $0[3].int ?? 0) } ?? cursor
        return PullPage(cursor: last.description, more: found.count > limit, entries: entries)
    }
}
