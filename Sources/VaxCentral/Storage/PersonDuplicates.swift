import Foundation
import VaxCore

/// Records of different sites that may be one person, for an officer to merge or to tell apart.
public struct DuplicateGroup: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Encodable {
        /// The same name, birth date and commune, and no one CCCD that all of them hold.
        case probable
        /// One CCCD under different names or birth dates: one of the records is wrong.
        case identifierConflict = "identifier-conflict"
    }

    public struct Member: Sendable, Hashable, Encodable {
        public var id: String
        public var site: String
        public var name: String
        public var birthDate: String
        public var gender: String?
        public var commune: String?
        public var identifier: String?
        /// Completed doses under this record.
        public var doses: Int
    }

    public var kind: Kind
    /// What an officer quotes to tell the group apart (`POST /persons/distinct`): the match key of a
    /// probable group, the CCCD of a conflict.
    public var key: String
    public var members: [Member]
}

/// What an officer's merge did.
public enum PersonMergeOutcome: Sendable, Hashable {
    /// The merged record now points to the kept one (at this version); every site's next pull brings it.
    case merged(version: Int)
    /// No such active record of a site of the officer's area.
    case notFound(String)
    case sameRecord
    /// A district officer reads; a provincial or national officer decides.
    case notAllowed
    /// The record changed while it was being merged: read the queue again.
    case stale
}

extension CentralStorage {
    /// The probable duplicates among the records of the officer's area, and the CCCDs held under
    /// different names or birth dates; at most `limit` groups of each kind. Groups an officer told
    /// apart, and records merged already, are not shown.
    public func duplicateGroups(for officer: Officer, limit: Int = 100) async throws -> [DuplicateGroup] {
        let sites = Visibility.sites(.officer(officer))
        let active = "r.type = 'Patient' AND (r.status IS NULL OR r.status <> 'merged') AND r.site_id IN \(sites.sql)"
        var groups: [DuplicateGroup] = []
        let keys = try await rows(CentralQuery("""
            SELECT r.match_key FROM resource r WHERE \(active) AND r.match_key IS NOT NULL AND r.match_key <> ''
                AND r.match_key NOT IN (SELECT match_key FROM person_distinct)
            GROUP BY r.match_key HAVING COUNT(DISTINCT r.site_id) > 1 ORDER BY r.match_key LIMIT \(max(1, limit))
            """, sites.values)).compactMap { $0[0].text }
        for key in keys {
            let members = try await duplicateMembers("r.match_key = ?", .text(key), active: active, sites.values)
            // Every record holding one same CCCD: one person already, nothing to decide.
            let numbers = Set(members.map(\.identifier))
            if numbers.count == 1, numbers.first! != nil { continue }
            groups.append(DuplicateGroup(kind: .probable, key: key, members: members))
        }
        // CCCDs held at two sites or more, walked in order: most are one person vaccinated twice, and
        // only those whose names or birth dates differ are kept.
        var after = ""
        var conflicts = 0
        while conflicts < limit {
            let numbers = try await rows(CentralQuery("""
                SELECT i.value FROM resource_identifier i JOIN resource r ON r.type = i.type AND r.id = i.id
                WHERE i.type = 'Patient' AND i.system = ? AND i.value > ? AND \(active)
                    AND i.value NOT IN (SELECT match_key FROM person_distinct)
                GROUP BY i.value HAVING COUNT(DISTINCT r.site_id) > 1 ORDER BY i.value LIMIT 500
                """, [.text(FHIRSystem.citizenID), .text(after)] + sites.values)).compactMap { $0[0].text }
            guard let last = numbers.last else { break }
            after = last
            for number in numbers where conflicts < limit {
                let members = try await duplicateMembers("""
                    EXISTS (SELECT 1 FROM resource_identifier i WHERE i.type = 'Patient' AND i.id = r.id AND i.system = ? AND i.value = ?)
                    """, .text(FHIRSystem.citizenID), .text(number), active: active, sites.values)
                let identities = Set(members.map { NameFolding.fold($0.name) + "|" + $0.birthDate })
                guard identities.count > 1 else { continue }
                groups.append(DuplicateGroup(kind: .identifierConflict, key: number, members: members))
                conflicts += 1
            }
        }
        return groups
    }

    private func duplicateMembers(_ condition: String, _ values: SQLValue..., active: String, _ siteValues: [SQLValue])
        async throws -> [DuplicateGroup.Member]
    {
        try await rows(CentralQuery("""
            SELECT r.id, s.name, r.json,
                (SELECT COUNT(*) FROM resource d WHERE d.type = 'Immunization' AND d.patient_id = r.id AND d.status = 'completed')
            FROM resource r JOIN site s ON s.id = r.site_id WHERE \(condition) AND \(active) ORDER BY s.name, r.id
            """, values + siteValues)).compactMap { row in
            guard let id = row[0].text, case .patient(let patient)? = Self.resource(row[2].text) else { return nil }
            let name = patient.name?.first
            return DuplicateGroup.Member(
                id: id, site: row[1].text ?? "",
                name: name?.whole ?? "",
                birthDate: patient.birthDate ?? "", gender: patient.gender, commune: patient.address?.first?.district,
                identifier: patient.identifier?.first { $0.system == FHIRSystem.citizenID }?.value, doses: row[3].int ?? 0)
        }
    }

    /// An officer merges record `merged` into `kept` (both of sites of their area): the merged record
    /// becomes inactive, `replaced-by` the kept one, as a change of the site that owns it; every site
    /// whose catchment holds it takes the merge at its next pull, and a look-up of the kept record's
    /// CCCD brings the merged one's doses.
    public func mergePatients(kept: String, merged: String, reason: String, by officer: Officer, at date: Date) async throws
        -> PersonMergeOutcome
    {
        if case .district = officer.area { return .notAllowed }
        guard kept != merged else { return .sameRecord }
        let sites = Visibility.sites(.officer(officer))
        func active(_ id: String) async throws -> [SQLValue]? {
            try await rows(CentralQuery("""
                SELECT r.json, r.version, r.site_id FROM resource r
                WHERE r.type = 'Patient' AND r.id = ? AND (r.status IS NULL OR r.status <> 'merged') AND r.site_id IN \(sites.sql)
                """, [.text(id)] + sites.values)).first
        }
        guard try await active(kept) != nil else { return .notFound(kept) }
        guard let row = try await active(merged), case .patient(var patient)? = Self.resource(row[0].text) else {
            return .notFound(merged)
        }
        patient.active = false
        patient.link = [FHIRPatient.Link(other: FHIRReference(reference: "Patient/\(kept)"), type: "replaced-by")]
        patient.meta = FHIRMeta(lastUpdated: FHIRDateTime.format(date))
        var entry = FHIRBundle.Entry.put(.patient(patient))
        entry.request?.ifMatch = #"W/"\#(row[1].int ?? 0)""#
        do {
            _ = try await store([Ingest.check(entry, now: date)], siteID: row[2].text ?? "", atomic: true, at: date)
        } catch is EntryRefusal {
            return .stale
        }
        try await execute(CentralQuery(
            "INSERT INTO person_merge (merged_id, kept_id, officer, reason, merged_at) VALUES (?, ?, ?, ?, ?)",
            [.text(merged), .text(kept), .text(officer.name), .text(reason), .int(Int(date.timeIntervalSince1970))]))
        return .merged(version: (row[1].int ?? 0) + 1)
    }

    /// An officer tells a group apart (namesakes, twins): it leaves the queue.
    public func markDistinct(key: String, reason: String, by officer: Officer, at date: Date) async throws -> Bool {
        if case .district = officer.area { return false }
        let known = try await rows(CentralQuery("SELECT 1 FROM person_distinct WHERE match_key = ?", [.text(key)])).first != nil
        if !known {
            try await execute(CentralQuery(
                "INSERT INTO person_distinct (match_key, officer, reason, decided_at) VALUES (?, ?, ?, ?)",
                [.text(key), .text(officer.name), .text(reason), .int(Int(date.timeIntervalSince1970))]))
        }
        return true
    }

    private static func resource(_ json: String?) -> FHIRResource? {
        json.flatMap { try? JSONDecoder().decode(FHIRResource.self, from: Data($0.utf8)) }
    }
}
