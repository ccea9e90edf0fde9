import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

@Suite("Backfill of doses from paper records")
struct BackfillTests {
    @Test("each dose is recorded once, marked, queued for sync and audited; unknown people are refused")
    func backfill() throws {
        let f = try StoreFixture(people: 0)
        let duc = try f.person(named: "Nguyễn Văn Đức", id: "091085012345")
        let outbox = try f.database.pendingOutboxCount()
        let dose = BackfillDose(identityNumber: "091085012345", fullName: nil, birthDate: nil,
                                dose: PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-08-10"))
        let stranger = BackfillDose(identityNumber: "091085099999", fullName: nil, birthDate: nil,
                                    dose: PriorDose(doseNumber: 1, productCode: "pfizer", givenOn: "2021-08-10"))
        let first = try f.database.backfill([(2, dose), (3, stranger)], source: "sổ tiêm giấy", by: f.staff(.checkInNurse).id, at: f.now)
        #expect(first.added == 1 && first.alreadyRecorded == 0)
        #expect(first.refused.map(\.line) == [3])
        #expect(first.refused.first?.problem.reason == .personNotFound)
        #expect(try f.database.pendingOutboxCount() == outbox + 1)
        let second = try f.database.backfill([(2, dose)], source: "sổ tiêm giấy", by: f.staff(.checkInNurse).id, at: f.now)
        #expect(second.added == 0 && second.alreadyRecorded == 1)
        #expect(try f.database.doseHistory(personID: duc.id).count == 1)
    }

    @Test("`vaxdesk import doses` from a CSV file")
    func command() throws {
        let directory = TemporaryDirectory("backfill")
        let db = directory.file("site.db")
        let roster = directory.file("roster.csv")
        try "Họ và tên,Ngày sinh,Giới tính,Số CCCD/CMND\nNguyễn Văn Đức,07/03/1985,Nam,091085012345\n"
            .write(toFile: roster, atomically: true, encoding: .utf8)
        try BuiltProgram.run(["demo", "--db", db, "--people", "1", "--setup-only"])
        // Once the site has staff, a roster comes from a site lead, who gives their PIN.
        #expect(try BuiltProgram.run(["import", "roster", roster, "--db", db]).status != 0)
        #expect(try BuiltProgram.run(["import", "roster", roster, "--db", db, "--by", "PT01"], input: "2468\n").status == 0)
        let doses = directory.file("doses.csv")
        try "Số CCCD/CMND,Mũi,Vắc xin,Ngày tiêm\n091085012345,1,AZ,10/08/2021\n091085012345,2,Pfizer,05/10/2021\n000000000,1,AZ,10/08/2021\n"
            .write(toFile: doses, atomically: true, encoding: .utf8)
        let wrongPIN = try BuiltProgram.run(["import", "doses", doses, "--db", db, "--source", "paper", "--by", "DD01"], input: "9999\n")
        #expect(wrongPIN.status != 0)
        let result = try BuiltProgram.run(
            ["import", "doses", doses, "--db", db, "--source", "paper", "--lang", "en", "--by", "DD01"], input: "1111\n")
        #expect(result.status == 0)
        #expect(result.output.contains("Read 3 rows: 2 doses added, 0 already recorded, 1 refused."))
        #expect(result.output.contains("Nobody on the roster matches"))
        let search = try BuiltProgram.run(["search", "--db", db, "091085012345"])
        #expect(search.output.hasSuffix("\t2\n"), "two doses on record: \(search.output)")
    }
}
