import Testing
@testable import VaxCore

@Suite("The walk-in and paper-dose forms")
struct FormTests {
    @Test("a walk-in form holds the roster's rules: names put right, numbers read, contradictions refused", arguments: [
        ([PersonForm.Field.fullName: "  trần   thị BÍCH ", .birthDate: "5/6/1990", .sex: "nữ"], nil as PersonForm.Field?),
        ([.fullName: "Trần Thị Bích", .birthDate: "1990", .sex: "F", .phone: "+84 903 123 456"], nil),
        ([.fullName: "Trần Thị Bích", .birthDate: "05/06/1990", .sex: "Nữ", .identityNumber: "079 190 001 122"], nil),
        ([.fullName: "", .birthDate: "05/06/1990", .sex: "Nữ"], .fullName),
        ([.fullName: "Trần Thị Bích", .birthDate: "05/13/1990", .sex: "Nữ"], .birthDate),
        ([.fullName: "Trần Thị Bích", .birthDate: "05/06/1990", .sex: "x"], .sex),
        ([.fullName: "Trần Thị Bích", .birthDate: "05/06/1990", .sex: "Nữ", .identityNumber: "079090001122"], .identityNumber),
        ([.fullName: "Trần Thị Bích", .birthDate: "05/06/1990", .sex: "Nữ", .phone: "0123"], .phone),
    ])
    func walkIn(values: [PersonForm.Field: String], wrong: PersonForm.Field?) {
        let validation = PersonForm(values: values).validate(
            provinces: Fixtures.provinces, catalog: Fixtures.catalog, currentYear: 2026)
        switch validation {
        case .valid(let person):
            #expect(wrong == nil)
            #expect(person.fullName == "Trần Thị Bích")
        case .invalid(let problems):
            #expect(wrong != nil && problems[wrong!] != nil, "\(problems)")
            #expect(problems.count == 1)
        }
    }

    @Test("a form from a scanned card carries what the card says")
    func fromCard() throws {
        let card = try #require(CitizenCardQR(scanned: "079190001122||Trần Thị Bích|05061990|Nữ|12 Lê Lợi, Q1|01012022"))
        guard case .valid(let person) = PersonForm(card: card).validate(
            provinces: Fixtures.provinces, catalog: Fixtures.catalog, currentYear: 2026) else {
            Issue.record("a card's own values are refused")
            return
        }
        #expect(person.identityNumber == "079190001122" && person.sex == .female && person.address == "12 Lê Lợi, Q1")
    }

    @Test("a paper dose needs its number, a known vaccine and a past date")
    func paperDose() {
        func check(_ values: [PaperDoseForm.Field: String]) -> PaperDoseForm.Validation {
            PaperDoseForm(values: values).validate(catalog: Fixtures.catalog, today: "2026-11-26")
        }
        #expect(check([.doseNumber: "2", .product: "comirnaty", .date: "1/10/2021", .lot: "FK5127"])
            == .valid(BackfillDose(identityNumber: nil, fullName: nil, birthDate: nil,
                                   dose: PriorDose(doseNumber: 2, productCode: "pfizer", givenOn: "2021-10-01"),
                                   lotNumber: "FK5127")))
        #expect(check([.doseNumber: "0", .product: "pfizer", .date: "1/10/2021"]) == .invalid([.doseNumber: .badDoseNumber]))
        #expect(check([.doseNumber: "1", .product: "sinovac", .date: "1/10/2021"]) == .invalid([.product: .unknownProduct]))
        #expect(check([.doseNumber: "1", .product: "pfizer", .date: "2021"]) == .invalid([.date: .badDoseDate]))
        #expect(check([.doseNumber: "1", .product: "pfizer"]) == .invalid([.date: .doseWithoutDate]))
        #expect(PaperDoseForm(nextDoseNumber: 3).values[.doseNumber] == "3")
    }
}
