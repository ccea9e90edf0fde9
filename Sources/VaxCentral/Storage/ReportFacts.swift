import Foundation
import VaxCore

/// The facts of a resource the reports count by, read when it is stored: why a dose was not given, a
/// person's priority group.
enum ReportFacts {
    /// A not-done Immunization's reason: `refused` (the person declined: "patient objection"), else
    /// the screening outcome that decided it, else `other`. Nil for a dose given.
    static func reason(_ immunization: FHIRImmunization) -> String? {
        guard immunization.status == "not-done" else { return nil }
        let codings = immunization.statusReason?.coding ?? []
        if codings.contains(where: { $0.system == FHIRSystem.actReason && $0.code == "PATOBJ" }) { return "refused" }
        return codings.first { $0.system == FHIRSystem.screeningOutcome }?.code ?? "other"
    }

    /// The person's priority group as the site's roster wrote it, "" for none.
    static func priorityGroup(_ patient: FHIRPatient) -> String {
        patient.extensionValue(FHIRSystem.priorityGroupExtension)?.valueString?.trimmingCharacters(in: .whitespaces) ?? ""
    }
}

extension CentralStorage {
    /// Gives the resources stored before reports read these facts (a centre that ran an earlier
    /// version) theirs, a thousand at a time; how many. Patients get their birth date and priority
    /// group, not-done Immunizations their reason.
    public func completeReportFacts() async throws -> Int {
        var done = 0
        while true {
            let batch = try await rows(CentralQuery("""
                SELECT type, id, json FROM resource
                WHERE (type = 'Patient' AND birth_date IS NULL) OR (type = 'Immunization' AND status = 'not-done' AND reason IS NULL)
                ORDER BY type, id LIMIT 1000
                """))
            guard !batch.isEmpty else { return done }
            var updates: [CentralQuery] = []
            for row in batch {
                guard let type = row[0].text, let id = row[1].text, let json = row[2].text else { continue }
                let resource = try? JSONDecoder().decode(FHIRResource.self, from: Data(json.utf8))
                switch resource {
                case .patient(let patient)?:
                    updates.append(CentralQuery(
                        "UPDATE resource SET birth_date = ?, priority_group = ? WHERE type = 'Patient' AND id = ?",
                        [.text(patient.birthDate ?? ""), .text(ReportFacts.priorityGroup(patient)), .text(id)]))
                case .immunization(let immunization)?:
                    updates.append(CentralQuery("UPDATE resource SET reason = ? WHERE type = 'Immunization' AND id = ?",
                                                [.text(ReportFacts.reason(immunization) ?? "other"), .text(id)]))
                default:
                    // Unreadable: given an empty fact, so that it is not read again.
                    updates.append(CentralQuery(
                        type == "Patient" ? "UPDATE resource SET birth_date = '' WHERE type = 'Patient' AND id = ?"
                            : "UPDATE resource SET reason = 'other' WHERE type = ? AND id = ?",
                        type == "Patient" ? [.text(id)] : [.text(type), .text(id)]))
                }
            }
            try await transaction(updates)
            done += batch.count
        }
    }
}
