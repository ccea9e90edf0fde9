import Foundation
import HTTPTypes
import GRDB
import VaxCore

/// A resource checked and ready to store, with the fields searches and reports read.
public struct StorableResource: Sendable {
    var type: String
    var id: String
    var json: String
    var patientID: String?
    var status: String?
    var product: String?
    var doseNumber: Int?
    var lot: String?
    var day: String?
    var serious: Bool?
    var dosesPerVial: Int?
    var dosesWasted: Int?
    /// When the site last changed it (meta.lastUpdated): kept, never used to choose between copies.
    var sourceUpdated: Date?
    /// The centre's version the site based this change on (the entry's `ifMatch`), when it said.
    var ifMatch: Int?
    var identifiers: [(system: String?, value: String)] = []
    /// A Patient's folded name, birth date and commune (`PersonMatch`).
    var matchKey: String?
    /// What the reports count by: a not-done Immunization's reason (a screening outcome, or
    /// `refused`); a Patient's birth date and priority group ("" for none).
    var reason: String?
    var birthDate: String?
    var priorityGroup: String?
}

/// Why an entry of a Bundle was not stored: the HTTP status of its answer and a message.
public struct EntryRefusal: Error, Sendable, Equatable {
    var status: HTTPResponse.Status
    var message: String

    static func invalid(_ message: String) -> EntryRefusal { EntryRefusal(status: .unprocessableContent, message: message) }
}

/// The centre's handling of a Bundle: each entry checked (a PUT of a resource of a known type whose id
/// is the URL's), then stored for the site that sent it. A resource another site sent is refused.
enum Ingest {
    static let idCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.")

    /// How far ahead of the centre's clock a site's may be: more is a wrong clock or a forged time.
    static let clockSkew: TimeInterval = 5 * 60

    /// Checks one entry; the resource ready to store, or why not.
    static func check(_ entry: FHIRBundle.Entry, now: Date, vaccineCodes: Set<String>? = nil) -> Result<StorableResource, EntryRefusal> {
        guard let request = entry.request, ["PUT", "POST"].contains(request.method.uppercased()) else {
            return .failure(EntryRefusal(status: .badRequest, message: "each entry must be a PUT of a resource"))
        }
        guard let resource = entry.resource else {
            return .failure(EntryRefusal(status: .badRequest, message: "the entry has no resource"))
        }
        guard let id = resource.id, !id.isEmpty, id.count <= 64, id.unicodeScalars.allSatisfy(idCharacters.contains) else {
            return .failure(.invalid("\(resource.type).id is missing or not a FHIR id"))
        }
        let url = request.url.split(separator: "?").first.map(String.init) ?? ""
        if request.method.uppercased() == "PUT", url != "\(resource.type)/\(id)" {
            return .failure(EntryRefusal(status: .badRequest, message: "the URL \(url) does not name \(resource.type)/\(id)"))
        }
        do {
            var stored = try fields(of: resource, now: now, vaccineCodes: vaccineCodes)
            stored.type = resource.type
            stored.id = id
            stored.json = String(decoding: try FHIRResource.encoder().encode(resource), as: UTF8.self)
            if let lastUpdated = resource.lastUpdated {
                guard let updated = FHIRDateTime.parse(lastUpdated) else {
                    return .failure(.invalid("\(resource.type).meta.lastUpdated is not a date and time: \(lastUpdated)"))
                }
                guard updated <= now.addingTimeInterval(clockSkew) else {
                    return .failure(.invalid("\(resource.type).meta.lastUpdated \(lastUpdated) is in the future: check the site's clock"))
                }
                stored.sourceUpdated = updated
            }
            if let ifMatch = request.ifMatch {
                guard let version = Int(ifMatch.replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))) else {
                    return .failure(EntryRefusal(status: .badRequest, message: "ifMatch must be a version, W/\"3\": \(ifMatch)"))
                }
                stored.ifMatch = version
            }
            return .success(stored)
        } catch let refusal as EntryRefusal {
            return .failure(refusal)
        } catch {
            return .failure(.invalid(String(describing: error)))
        }
    }

    private static func fields(of resource: FHIRResource, now: Date, vaccineCodes: Set<String>?) throws -> StorableResource {
        // A day after today anywhere on Earth is in the future.
        let tomorrow = LocalDate(now.addingTimeInterval(14 * 3600), in: TimeZone(identifier: "UTC")!).stored
        var stored = StorableResource(type: "", id: "", json: "")
        switch resource {
        case .patient(let patient):
            guard let gender = patient.gender, ["male", "female", "other", "unknown"].contains(gender) else {
                throw EntryRefusal.invalid("Patient.gender must be male, female, other or unknown")
            }
            guard let birth = patient.birthDate, isDate(birth) else { throw EntryRefusal.invalid("Patient.birthDate is missing or not a date") }
            guard birth <= tomorrow else { throw EntryRefusal.invalid("Patient.birthDate \(birth) is in the future") }
            guard patient.name?.first?.text?.isEmpty == false || patient.name?.first?.family?.isEmpty == false else {
                throw EntryRefusal.invalid("Patient.name is missing")
            }
            stored.identifiers = (patient.identifier ?? []).compactMap { id in id.value.map { (id.system, $0) } }
            stored.matchKey = PersonMatch.key(patient)
            stored.birthDate = birth
            stored.priorityGroup = ReportFacts.priorityGroup(patient)
            // A record merged into another (at its site, or by an officer here) is no one now.
            if patient.active == false { stored.status = "merged" }
        case .immunization(let immunization):
            guard let status = immunization.status, ["completed", "not-done", "entered-in-error"].contains(status) else {
                throw EntryRefusal.invalid("Immunization.status must be completed, not-done or entered-in-error")
            }
            guard let code = immunization.vaccineCode?.coding?.first?.code, !code.isEmpty else {
                throw EntryRefusal.invalid("Immunization.vaccineCode has no code")
            }
            if let vaccineCodes, !vaccineCodes.contains(code) {
                throw EntryRefusal.invalid("Immunization.vaccineCode \(code) is not a vaccine of the centre's catalog")
            }
            guard let patient = reference(immunization.patient?.reference, to: "Patient") else {
                throw EntryRefusal.invalid("Immunization.patient must reference a Patient")
            }
            guard let occurrence = immunization.occurrenceDateTime, isDate(String(occurrence.prefix(10))) else {
                throw EntryRefusal.invalid("Immunization.occurrenceDateTime is missing or not a date")
            }
            guard String(occurrence.prefix(10)) <= tomorrow else {
                throw EntryRefusal.invalid("Immunization.occurrenceDateTime \(occurrence) is in the future")
            }
            let dose = immunization.protocolApplied?.first?.doseNumberPositiveInt
            if let dose, !(1...10).contains(dose) {
                throw EntryRefusal.invalid("Immunization.protocolApplied.doseNumberPositiveInt must be 1 to 10, not \(dose)")
            }
            if status == "not-done", immunization.statusReason == nil {
                throw EntryRefusal.invalid("a not-done Immunization needs a statusReason")
            }
            stored.patientID = patient
            stored.status = status
            stored.product = code
            stored.doseNumber = dose
            stored.lot = immunization.lotNumber
            stored.reason = ReportFacts.reason(immunization)
            stored.day = String(occurrence.prefix(10))
            stored.identifiers = (immunization.identifier ?? []).compactMap { id in id.value.map { (id.system, $0) } }
        case .adverseEvent(let event):
            guard let patient = reference(event.subject?.reference, to: "Patient") else {
                throw EntryRefusal.invalid("AdverseEvent.subject must reference a Patient")
            }
            guard ["actual", "potential"].contains(event.actuality ?? "") else {
                throw EntryRefusal.invalid("AdverseEvent.actuality must be actual or potential")
            }
            stored.patientID = patient
            stored.day = event.date.map { String($0.prefix(10)) }
            stored.serious = event.seriousness?.code(in: FHIRSystem.seriousness) == "serious"
            if let id = event.identifier?.value { stored.identifiers = [(event.identifier?.system, id)] }
        case .basic(let basic):
            guard let code = basic.code?.code(in: FHIRSystem.vialEvent) else {
                throw EntryRefusal.invalid("Basic.code must be a vial event")
            }
            stored.status = code
            stored.product = basic.extensionValue(FHIRSystem.productExtension)?.valueString
            stored.lot = basic.extensionValue(FHIRSystem.lotExtension)?.valueString
            stored.dosesPerVial = basic.extensionValue(FHIRSystem.dosesPerVialExtension)?.valueInteger
            stored.dosesWasted = basic.extensionValue(FHIRSystem.dosesWastedExtension)?.valueInteger
            if let perVial = stored.dosesPerVial, !(1...50).contains(perVial) {
                throw EntryRefusal.invalid("the doses per vial must be 1 to 50, not \(perVial)")
            }
            if let wasted = stored.dosesWasted, wasted < 0 || wasted > (stored.dosesPerVial ?? 50) {
                throw EntryRefusal.invalid("the doses wasted must be 0 to the doses of a vial, not \(wasted)")
            }
            stored.day = basic.created.map { String($0.prefix(10)) }
            stored.identifiers = (basic.identifier ?? []).compactMap { id in id.value.map { (id.system, $0) } }
        case .documentReference(let document):
            guard let patient = reference(document.subject?.reference, to: "Patient") else {
                throw EntryRefusal.invalid("DocumentReference.subject must reference a Patient")
            }
            guard let status = document.status, ["current", "superseded", "entered-in-error"].contains(status) else {
                throw EntryRefusal.invalid("DocumentReference.status must be current, superseded or entered-in-error")
            }
            guard let identifier = document.masterIdentifier?.value, identifier.hasPrefix("URN:UVCI:"), identifier.count <= 100 else {
                throw EntryRefusal.invalid("DocumentReference.masterIdentifier must be the certificate's UVCI (URN:UVCI:…)")
            }
            stored.patientID = patient
            stored.status = status
            stored.day = document.date.map { String($0.prefix(10)) }
            stored.identifiers = [(document.masterIdentifier?.system, identifier)]
                + (document.identifier ?? []).compactMap { id in id.value.map { (id.system, $0) } }
        case .operationOutcome:
            throw EntryRefusal(status: .badRequest, message: "an OperationOutcome is not stored")
        }
        return stored
    }

    /// The id of a `Type/id` reference of the expected type.
    static func reference(_ text: String?, to type: String) -> String? {
        guard let text, text.hasPrefix(type + "/") else { return nil }
        let id = String(text.dropFirst(type.count + 1))
        return id.isEmpty ? nil : id
    }

    /// `yyyy`, `yyyy-mm` or `yyyy-mm-dd`, a day that exists (not 2021-02-30, not 9999-99-99), from
    /// 1900 on.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), (1900...2200).contains(year)
        else { return false }
        guard parts.count > 1, let month = Int(parts[1]) else { return true }
        guard (1...12).contains(month) else { return false }
        guard parts.count > 2, let day = Int(parts[2]) else { return true }
        return LocalDate(year: year, month: month, day: day) != nil
    }
}

extension CentralStore {
    /// Stores the checked resources of one Bundle for `siteID`, in one transaction; each one's answer
    /// (201 Created, 200 OK, or a refusal). With `atomic` (a transaction Bundle) any refusal
    /// stores nothing and is thrown.
    public func store(_ resources: [Result<StorableResource, EntryRefusal>], siteID: String, atomic: Bool, at date: Date)
        async throws -> [Result<HTTPResponse.Status, EntryRefusal>]
    {
        try await pool.write { db in
            var answers: [Result<HTTPResponse.Status, EntryRefusal>] = []
            for checked in resources {
                switch checked {
                case .failure(let refusal):
                    if atomic { throw refusal }
                    answers.append(.failure(refusal))
                case .success(let resource):
                    let answer = try Self.upsert(resource, siteID: siteID, at: date, in: db)
                    if atomic, case .failure(let refusal) = answer { throw refusal }
                    answers.append(answer)
                }
            }
            return answers
        }
    }

    private static func upsert(_ r: StorableResource, siteID: String, at date: Date, in db: Database) throws -> Result<HTTPResponse.Status, EntryRefusal> {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT site_id, json, version, source_updated FROM resource WHERE type = ? AND id = ?"),
            arguments: [r.type, r.id])
        let existing = row.map { (siteID: $0["site_id"] as String, json: $0["json"] as String, version: $0["version"] as Int) }
        let version: Int, created: Bool
        let patientKnown = try r.patientID.map {
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM resource WHERE type = 'Patient' AND id = ?)"),
                              arguments: [$0]) ?? false
        } ?? true
        switch UpsertDecision.decide(existing: existing, r, siteID: siteID, patientKnown: patientKnown) {
        case .refuse(let refusal): return .failure(refusal)
        case .unchanged: return .success(.ok)
        case .propose(let base):
            try db.cachedStatement(sql: """
                INSERT INTO proposal (type, id, site_id, base_version, json, received_at) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [r.type, r.id, siteID, base, r.json, SQLValue(date).int])
            return .success(.accepted)
        case .write(let v, let c): (version, created) = (v, c)
        }
        try db.cachedStatement(sql: """
            INSERT INTO resource (type, id, site_id, version, json, updated_at, patient_id, status, product, dose_number, lot,
                                  day, serious, doses_per_vial, doses_wasted, source_updated, match_key, reason, birth_date,
                                  priority_group)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (type, id) DO UPDATE SET version = excluded.version, json = excluded.json,
                updated_at = excluded.updated_at, patient_id = excluded.patient_id, status = excluded.status,
                product = excluded.product, dose_number = excluded.dose_number, lot = excluded.lot, day = excluded.day,
                serious = excluded.serious, doses_per_vial = excluded.doses_per_vial, doses_wasted = excluded.doses_wasted,
                source_updated = excluded.source_updated, match_key = excluded.match_key, reason = excluded.reason,
                birth_date = excluded.birth_date, priority_group = excluded.priority_group
            """).execute(arguments: [
                r.type, r.id, siteID, version, r.json, date, r.patientID, r.status, r.product, r.doseNumber, r.lot, r.day,
                r.serious, r.dosesPerVial, r.dosesWasted, r.sourceUpdated, r.matchKey, r.reason, r.birthDate, r.priorityGroup,
            ])
        try db.cachedStatement(sql: "DELETE FROM resource_identifier WHERE type = ? AND id = ?").execute(arguments: [r.type, r.id])
        for identifier in r.identifiers {
            try db.cachedStatement(sql: "INSERT INTO resource_identifier (type, id, system, value) VALUES (?, ?, ?, ?)")
                .execute(arguments: [r.type, r.id, identifier.system, identifier.value])
        }
        return .success(created ? .created : .ok)
    }
}
