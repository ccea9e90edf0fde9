import Foundation
import VaxCore

/// How the centre tells that two sites' records may be one person when no CCCD joins them: the same
/// name (folded: case, diacritics and spacing aside), the same birth date and the same commune.
enum PersonMatch {
    static func key(_ patient: FHIRPatient) -> String? {
        guard let text = patient.name?.first?.whole, let birth = patient.birthDate else { return nil }
        let commune = patient.address?.first?.district.map(NameFolding.fold) ?? ""
        return NameFolding.fold(text) + "|" + birth + "|" + commune
    }
}

extension CentralStorage {
    /// Gives the Patients stored before the match key existed theirs (a centre that ran an earlier
    /// version), a thousand at a time; how many. A record with no key to give gets an empty one, so
    /// that it is not read again.
    public func completeMatchKeys() async throws -> Int {
        var done = 0
        while true {
            let batch = try await rows(CentralQuery(
                "SELECT id, json FROM resource WHERE type = 'Patient' AND match_key IS NULL ORDER BY id LIMIT 1000"))
            guard !batch.isEmpty else { return done }
            // One statement for the thousand: one by one, 200,000 Patients took minutes of commits.
            var cases: [String] = [], values: [SQLValue] = [], ids: [SQLValue] = []
            for row in batch {
                guard let id = row[0].text else { continue }
                var key = ""
                if let json = row[1].text, case .patient(let patient)? = try? JSONDecoder().decode(FHIRResource.self, from: Data(json.utf8)) {
                    key = PersonMatch.key(patient) ?? ""
                }
                cases.append("WHEN ? THEN ?")
                values += [.text(id), .text(key)]
                ids.append(.text(id))
            }
            try await execute(CentralQuery("""
                UPDATE resource SET match_key = CASE id \(cases.joined(separator: " ")) END
                WHERE type = 'Patient' AND id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))
                """, values + ids))
            done += ids.count
        }
    }
}
