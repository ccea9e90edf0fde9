import Foundation
import HTTPTypes
import VaxCore

/// Where the centre keeps sites and resources: SQLite (`CentralStore`) or PostgreSQL
/// (`PostgresCentralStore`, for several instances serving one country). What SQL allows is written
/// once (`CentralQuery`, run by `rows` and `execute`); only the schema's first tables and ingest,
/// where the dialects really differ, are written for each.
public protocol CentralStorage: Sendable {
    /// Creates the tables when missing.
    func migrate() async throws
    /// Adds a site with the hash of its token's secret.
    func insertSite(id: String, name: String, tokenHash: String, at date: Date) async throws
    func sites() async throws -> [(id: String, name: String)]
    /// Runs a read written once for both dialects; each row's cells in the order selected.
    func rows(_ query: CentralQuery) async throws -> [[SQLValue]]
    /// Runs a write written once for both dialects.
    func execute(_ query: CentralQuery) async throws
    /// Runs writes written once for both dialects in one transaction: all or none.
    func transaction(_ queries: [CentralQuery]) async throws
    /// The change below which every write is committed and none can still appear (`resource.change_xid`):
    /// a pull reads only below it.
    func changeHorizon() async throws -> Int
    /// Stores the checked resources of one Bundle for a site, in one transaction; each one's answer.
    /// With `atomic`, any refusal stores nothing and is thrown.
    func store(_ resources: [Result<StorableResource, EntryRefusal>], siteID: String, atomic: Bool, at date: Date)
        async throws -> [Result<HTTPResponse.Status, EntryRefusal>]
}

/// What to do with a resource sent again, whatever the storage. The centre decides by its own version
/// of the record and who sent it, never by a site's clock.
enum UpsertDecision: Equatable {
    case refuse(EntryRefusal)
    /// The same content (a retry, a duplicate).
    case unchanged
    case write(version: Int, created: Bool)
    /// Another site's change to a person: kept beside the record, as a proposal for review, and not
    /// applied (only the site that created the person changes it).
    case propose(baseVersion: Int)

    /// `patientKnown`: whether the Patient the resource is about (an Immunization's, an AdverseEvent's)
    /// is at the centre, or earlier in the same Bundle.
    static func decide(existing: (siteID: String, json: String, version: Int)?, _ resource: StorableResource,
                       siteID: String, patientKnown: Bool) -> UpsertDecision {
        if let patient = resource.patientID, !patientKnown {
            return .refuse(.invalid("\(resource.type)/\(resource.id) is about Patient/\(patient), who is not at the centre: "
                + "send the Patient first (before it in the Bundle, or in an earlier one)"))
        }
        guard let existing else {
            if let expected = resource.ifMatch {
                return .refuse(EntryRefusal(status: .conflict, message: "\(resource.type)/\(resource.id) is not here (If-Match version \(expected))"))
            }
            return .write(version: 1, created: true)
        }
        // What a site recorded (an Immunization, an AdverseEvent, a vial) only that site may write.
        guard existing.siteID == siteID || resource.type == "Patient" else {
            return .refuse(EntryRefusal(status: .forbidden, message: "\(resource.type)/\(resource.id) was sent by another site"))
        }
        if existing.json == resource.json { return .unchanged }
        if let expected = resource.ifMatch, expected != existing.version {
            return .refuse(EntryRefusal(status: .conflict, message:
                "\(resource.type)/\(resource.id) is at version \(existing.version) here, not \(expected): read it again before changing it"))
        }
        // A person is vaccinated at one site and again at another: the site that created the record
        // keeps it; another site's change waits beside it for review.
        guard existing.siteID == siteID else { return .propose(baseVersion: existing.version) }
        return .write(version: existing.version + 1, created: false)
    }
}
