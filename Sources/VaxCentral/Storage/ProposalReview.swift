import Foundation
import VaxCore

/// Another site's change to a person, kept beside the record for review.
public struct Proposal: Sendable, Hashable {
    public var seq: Int
    public var reference: String
    public var site: String
    /// The centre's version of the record when the change came.
    public var baseVersion: Int
    public var receivedAt: Date
    public var json: String
}

/// What an officer's decision on a proposal did.
public enum ProposalDecision: Sendable, Hashable {
    /// Applied to the record, which is now at this version (the site that created it still owns it).
    case accepted(version: Int)
    /// The proposal held what the record holds already.
    case unchanged
    case rejected
    /// No waiting proposal of this number about a record of the officer's area.
    case notFound
    case alreadyDecided(String)
    /// The record changed after the proposal was made: it is at `current` now, the proposal was based
    /// on `base`. It is left waiting; the site's newer record is reviewed first.
    case stale(current: Int, base: Int)
    /// The proposal no longer passes the centre's checks.
    case invalid(String)
    /// A district officer reads; a provincial or national officer decides.
    case notAllowed
}

extension CentralStorage {
    /// The proposals waiting, oldest first: all of them (the centre's operator), or those about records
    /// of the sites of `officer`'s area.
    public func proposals(limit: Int = 100, for officer: Officer? = nil) async throws -> [Proposal] {
        var sql = """
            SELECT p.seq, p.type, p.id, s.name, p.base_version, p.received_at, p.json
            FROM proposal p JOIN site s ON s.id = p.site_id
            JOIN resource r ON r.type = p.type AND r.id = p.id
            WHERE p.decision IS NULL
            """
        var values: [SQLValue] = []
        if let officer {
            let sites = Visibility.sites(.officer(officer))
            sql += " AND r.site_id IN \(sites.sql)"
            values += sites.values
        }
        sql += " ORDER BY p.seq LIMIT \(max(1, limit))"
        return try await rows(CentralQuery(sql, values)).map {
            Proposal(seq: $0[0].int ?? 0, reference: "\($0[1].text ?? "")/\($0[2].text ?? "")", site: $0[3].text ?? "",
                     baseVersion: $0[4].int ?? 0, receivedAt: $0[5].date ?? .distantPast, json: $0[6].text ?? "")
        }
    }

    /// An officer accepts or rejects proposal `seq`. Accepted, it is applied to the record as a change
    /// of the site that owns it, based on the version the proposal saw (a record changed since is
    /// refused as stale, never overwritten); the proposal stays, with the decision, who and when.
    public func decideProposal(_ seq: Int, accept: Bool, reason: String?, by officer: Officer, at date: Date) async throws
        -> ProposalDecision
    {
        if case .district = officer.area { return .notAllowed }
        let sites = Visibility.sites(.officer(officer))
        guard let row = try await rows(CentralQuery("""
            SELECT p.type, p.id, p.base_version, p.json, p.decision, r.site_id
            FROM proposal p JOIN resource r ON r.type = p.type AND r.id = p.id
            WHERE p.seq = ? AND r.site_id IN \(sites.sql)
            """, [.int(seq)] + sites.values)).first
        else { return .notFound }
        if let decision = row[4].text { return .alreadyDecided(decision) }
        var outcome = ProposalDecision.rejected
        if accept {
            guard let resource = try? JSONDecoder().decode(FHIRResource.self, from: Data((row[3].text ?? "").utf8)) else {
                return .invalid("the proposal cannot be read")
            }
            var entry = FHIRBundle.Entry.put(resource)
            entry.request?.ifMatch = #"W/"\#(row[2].int ?? 0)""#
            do {
                _ = try await store([Ingest.check(entry, now: date)], siteID: row[5].text ?? "", atomic: true, at: date)
                let version = try await rows(CentralQuery("SELECT version FROM resource WHERE type = ? AND id = ?",
                                                          [.text(row[0].text ?? ""), .text(row[1].text ?? "")])).first?[0].int ?? 0
                outcome = version > (row[2].int ?? 0) ? .accepted(version: version) : .unchanged
            } catch let refusal as EntryRefusal where refusal.status == .conflict {
                let current = try await rows(CentralQuery("SELECT version FROM resource WHERE type = ? AND id = ?",
                                                          [.text(row[0].text ?? ""), .text(row[1].text ?? "")])).first?[0].int ?? 0
                return .stale(current: current, base: row[2].int ?? 0)
            } catch let refusal as EntryRefusal {
                return .invalid(refusal.message)
            }
        }
        try await execute(CentralQuery(
            "UPDATE proposal SET decision = ?, decided_by = ?, decided_at = ?, reason = ? WHERE seq = ? AND decision IS NULL",
            [.text(accept ? "accepted" : "rejected"), .text(Principal.officer(officer).logName), SQLValue(date), SQLValue(reason), .int(seq)]))
        return outcome
    }
}
