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
    /// (by an officer) come too, so that the site keeps one person where the centre does. The page is
    /// `PullPage`'s JSON, written from the resources as stored (their canonical JSON, checked when they
    /// came), and how many resources it holds.
    func pull(siteID: String, catchment: (district: String?, province: String?), after cursor: PullCursor, limit: Int)
        async throws -> (json: Data, count: Int)
    {
        let horizon = try await changeHorizon()
        let area = catchment.district.map { ("s.district = ?", SQLValue.text($0)) } ?? ("s.province = ?", SQLValue(catchment.province))
        let found = try await rows(CentralQuery("""
            SELECT r.type, r.json, r.change_xid, r.change_seq, s.name, r.patient_id, r.id
            FROM resource r JOIN site s ON s.id = r.site_id
            WHERE ((r.site_id <> ? AND \(area.0)) OR (r.site_id = ? AND r.type = 'Patient' AND r.status = 'merged'))
                AND r.change_xid < ? AND (r.change_xid, r.change_seq) > (?, ?)
            ORDER BY r.change_xid, r.change_seq LIMIT ?
            """, [.text(siteID), area.1, .text(siteID), .int(horizon), .int(cursor.xid), .int(cursor.seq), .int(limit + 1)]))
        // The types are told apart here, not in the query: a condition on the type leads SQLite to its
        // index by type and a sort of every row of the catchment for each page (1.2 s a page at 600,000
        // resources, against 6 ms along the index of changes). The cursor passes the others too.
        let scanned = found.prefix(limit)
        var page = PullPageWriter()
        // The Patients this page has given so far: a dose whose Patient it has not (given on an earlier
        // page, or changed since and so later in the order) brings it first, for the site files a dose
        // under its person.
        var patients = Set<String>()
        for row in scanned {
            guard let type = row[0].text, let json = row[1].text, let id = row[6].text else { continue }
            switch type {
            case "Patient":
                patients.insert(id)
            case "Immunization":
                if let patient = row[5].text, !patients.contains(patient) {
                    if let own = try await rows(CentralQuery("""
                        SELECT r.json, s.name FROM resource r JOIN site s ON s.id = r.site_id WHERE r.type = 'Patient' AND r.id = ?
                        """, [.text(patient)])).first, let text = own[0].text
                    {
                        page.append(site: own[1].text ?? "", resource: text)
                    }
                    patients.insert(patient)
                }
            default:
                continue
            }
            page.append(site: row[4].text ?? "", resource: json)
        }
        let last = scanned.last.map { PullCursor(xid: $0[2].int ?? 0, seq: $0[3].int ?? 0) } ?? cursor
        return (page.finish(cursor: last, more: found.count > limit), page.count)
    }
}

/// `PullPage`'s JSON, written around resources' stored JSON rather than decoding and encoding each:
/// at 2,000 resources a page, that decoding was most of the centre's time.
struct PullPageWriter {
    private var entries = Data()
    private(set) var count = 0

    mutating func append(site: String, resource json: String) {
        if count > 0 { entries.append(UInt8(ascii: ",")) }
        entries.append(contentsOf: #"{"site":"#.utf8)
        entries.append(Self.quoted(site))
        entries.append(contentsOf: #","resource":"#.utf8)
        entries.append(contentsOf: json.utf8)
        entries.append(UInt8(ascii: "}"))
        count += 1
    }

    func finish(cursor: PullCursor, more: Bool) -> Data {
        var page = Data(#"{"cursor":"\#(cursor)","more":\#(more),"entries":["#.utf8)
        page.append(entries)
        page.append(contentsOf: "]}".utf8)
        return page
    }

    /// A JSON string (a site's name may hold any character).
    static func quoted(_ text: String) -> Data {
        (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
    }
}
