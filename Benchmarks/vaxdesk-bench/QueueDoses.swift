import Foundation
import VaxCore
import VaxStore

extension Bench {
    /// Queues `count` records for the centre: doses from paper records for people of a demo site's
    /// roster (two each), in one transaction, as `vaxdesk import doses` would.
    static func queueDoses(_ count: Int, in path: String) throws {
        let database = try AppDatabase(path: path)
        guard let lead = try database.staff().first(where: { $0.role == .siteLead }) else {
            print("no site lead: make the site with `vaxdesk demo --setup-only` first")
            exit(1)
        }
        var doses: [(line: Int, dose: BackfillDose)] = []
        for person in try database.rosterPeople(first: count) where person.identityNumber != nil {
            for number in 1...2 where doses.count < count {
                doses.append((doses.count + 2, BackfillDose(
                    identityNumber: person.identityNumber, fullName: nil, birthDate: nil,
                    dose: PriorDose(doseNumber: number + 2, productCode: "pfizer", givenOn: "2022-0\(number + 1)-15"))))
            }
            if doses.count >= count { break }
        }
        let result = try database.backfill(doses, source: "benchmark", by: lead.id, at: Date())
        print("queued \(result.added) doses; the outbox holds \(try database.pendingOutboxCount()) records")
    }
}
