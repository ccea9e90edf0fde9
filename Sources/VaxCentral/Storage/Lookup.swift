import Foundation

/// The exact-identifier look-up a site may make of anyone: to vaccinate a person it did not record,
/// it needs their name, birth date, sex and doses (product, date, dose number, place), nothing more. Never
/// a listing: the identifier must be given whole.
enum Lookup {
    /// At most this many people share one identifier in an answer (more is a data problem to report,
    /// not a list to hand out).
    static let maximumPeople = 5

    /// Whether `identifier` (`system|value` or a value) is whole enough to look up: a CMND has 9
    /// digits, a CCCD 12; a prefix or a wildcard is refused.
    static func isExact(_ identifier: String) -> Bool {
        let value = identifier.split(separator: "|").last.map(String.init) ?? ""
        return value.count >= 9 && !value.contains("*") && !value.contains("%")
    }

    /// A Patient with its name, birth date and sex only (the screening asks of pregnancy by sex).
    static func minimalPatient(_ json: String) -> [String: Any]? {
        guard let patient = object(json), let id = patient["id"] as? String else { return nil }
        var minimal: [String: Any] = ["resourceType": "Patient", "id": id]
        if let name = (patient["name"] as? [[String: Any]])?.first {
            let text = name["text"] as? String
                ?? ([name["family"] as? String].compactMap { $0 } + ((name["given"] as? [String]) ?? [])).joined(separator: " ")
            minimal["name"] = [["text": text]]
        }
        if let birth = patient["birthDate"] { minimal["birthDate"] = birth }
        if let gender = patient["gender"] { minimal["gender"] = gender }
        return minimal
    }

    /// An Immunization with its product, date, dose number and the site that gave it, only; about
    /// `patient`, the person looked up (a dose of a record merged into theirs is theirs).
    static func minimalImmunization(_ json: String, site: String, patient: String) -> [String: Any]? {
        guard let immunization = object(json), let id = immunization["id"] as? String else { return nil }
        var minimal: [String: Any] = ["resourceType": "Immunization", "id": id, "location": ["display": site],
                                      "patient": ["reference": "Patient/\(patient)"]]
        for key in ["status", "vaccineCode", "occurrenceDateTime"] {
            if let value = immunization[key] { minimal[key] = value }
        }
        if let dose = (immunization["protocolApplied"] as? [[String: Any]])?.first?["doseNumberPositiveInt"] {
            minimal["protocolApplied"] = [["doseNumberPositiveInt": dose]]
        }
        return minimal
    }

    private static func object(_ json: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
    }
}

extension CentralStorage {
    /// The people holding `identifier` exactly, with their completed doses at every site (and those of
    /// the records an officer merged into theirs), minimal, the record corrected last first; as a
    /// searchset Bundle's JSON, and how many people it names. A merged record is no one.
    public func lookup(identifier: String) async throws -> (json: Data, people: Int) {
        let parts = identifier.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let match = parts.count == 2 ? ("i.system = ? AND i.value = ?", [SQLValue.text(parts[0]), .text(parts[1])])
            : ("i.value = ?", [SQLValue.text(identifier)])
        let people = try await rows(CentralQuery("""
            SELECT r.id, r.json FROM resource r WHERE r.type = 'Patient' AND (r.status IS NULL OR r.status <> 'merged') AND EXISTS (
                SELECT 1 FROM resource_identifier i WHERE i.type = 'Patient' AND i.id = r.id AND \(match.0))
            ORDER BY r.source_updated DESC NULLS LAST, r.id LIMIT \(Lookup.maximumPeople)
            """, match.1))
        var entries: [[String: Any]] = []
        for person in people {
            guard let id = person[0].text, let patient = person[1].text.flatMap(Lookup.minimalPatient) else { continue }
            entries.append(["resource": patient, "search": ["mode": "match"]])
            let doses = try await rows(CentralQuery("""
                SELECT r.json, s.name FROM resource r JOIN site s ON s.id = r.site_id
                WHERE r.type = 'Immunization' AND r.status = 'completed'
                    AND (r.patient_id = ? OR r.patient_id IN (SELECT merged_id FROM person_merge WHERE kept_id = ?))
                ORDER BY r.day, r.id
                """, [.text(id), .text(id)]))
            for dose in doses {
                guard let immunization = dose[0].text.flatMap({ Lookup.minimalImmunization($0, site: dose[1].text ?? "", patient: id) }) else { continue }
                entries.append(["resource": immunization, "search": ["mode": "include"]])
            }
        }
        let bundle: [String: Any] = ["resourceType": "Bundle", "type": "searchset", "total": entries.filter {
            ($0["search"] as? [String: String])?["mode"] == "match"
        }.count, "entry": entries]
        return (try JSONSerialization.data(withJSONObject: bundle, options: [.sortedKeys]), people.count)
    }
}
