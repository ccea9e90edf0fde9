import Testing
import VaxCore

@Suite("Backfill files")
struct BackfillParsingTests {
    let parser = BackfillRowParser(
        header: ["Số CCCD/CMND", "Ho va ten", "Ngay sinh", "Mũi", "Vắc xin", "Ngày tiêm", "Số lô", "Nơi tiêm"],
        catalog: Fixtures.catalog)

    @Test("a dose found by CCCD, or by name and birth date")
    func accepted() {
        guard case .accepted(let byID) = parser.parse(["091085012345", "", "", "2", "Comirnaty", "31/08/2021", "FK1", "TYT A"]) else {
            Issue.record("rejected")
            return
        }
        #expect(byID.identityNumber == "091085012345")
        #expect(byID.dose == PriorDose(doseNumber: 2, productCode: "pfizer", givenOn: "2021-08-31"))
        #expect(byID.lotNumber == "FK1" && byID.place == "TYT A")
        guard case .accepted(let byName) = parser.parse(["", "lê thị hoa", "1950", "1", "AZ", "10/08/2021", "", ""]) else {
            Issue.record("rejected")
            return
        }
        #expect(byName.fullName == "Lê Thị Hoa" && byName.birthDate == BirthDate(year: 1950))
    }

    @Test("faults are named", arguments: [
        (["", "", "", "1", "AZ", "10/08/2021", "", ""], RosterProblem.Reason.missingName),
        (["091085012345", "", "", "x", "AZ", "10/08/2021", "", ""], .badDoseNumber),
        (["091085012345", "", "", "1", "Sinovac", "10/08/2021", "", ""], .unknownProduct),
        (["091085012345", "", "", "1", "AZ", "2021", "", ""], .badDoseDate),
        (["091085012345", "", "", "1", "", "10/08/2021", "", ""], .doseWithoutProduct),
        (["12345", "", "", "1", "AZ", "10/08/2021", "", ""], .badIdentityNumber),
    ])
    func faults(fields: [String], reason: RosterProblem.Reason) {
        guard case .rejected(let problems) = parser.parse(fields) else { Issue.record("accepted"); return }
        #expect(problems.map(\.reason) == [reason])
    }

    @Test("a file without the dose columns is not a backfill file")
    func columns() {
        #expect(parser.hasRequiredColumns)
        #expect(!BackfillRowParser(header: ["Họ và tên", "Ngày sinh"], catalog: Fixtures.catalog).hasRequiredColumns)
    }
}
