import Foundation
import Testing
import VaxCert
import VaxCore
import VaxResources

/// The HCERT of a certificate on record: what a verifier abroad reads of a Vietnamese record.
@Suite("A record's certificate as HCERT")
struct RecordCertificateTests {
    static let catalog = try! VaccineCatalog(json: VaxResources.data("vaccines.json"))

    static func certificate(_ doses: [Certificate.Dose]) -> Certificate {
        Certificate(
            person: Person(fullName: "Nguyễn Thị Minh Khai", birthDate: BirthDate(year: 1990, month: 3, day: 12)!, sex: .female),
            doses: doses, siteName: "Trạm Y tế Phường Vĩnh Thanh Vân", reference: UUID(), issuedAt: Date())
    }

    @Test("the family name first, the given names after; every dose, the latest first, with the EU codes; a booster counts the series on")
    func mapped() {
        let hcert = HealthCertificate(Self.certificate([
            .init(number: 1, productCode: "astrazeneca", lotNumber: "A1", day: "2021-08-10", place: nil),
            .init(number: 2, productCode: "astrazeneca", lotNumber: "A2", day: "2021-10-20", place: nil),
            .init(number: 3, productCode: "pfizer", lotNumber: "F1", day: "2022-05-02", place: nil),
        ]), catalog: Self.catalog, identifier: "URN:UVCI:01:VN:S01/X")
        #expect(hcert.name.family == "Nguyễn" && hcert.name.given == "Thị Minh Khai")
        #expect(hcert.name.familyICAO == "NGUYEN" && hcert.name.givenICAO == "THI<MINH<KHAI")
        #expect(hcert.birthDate == "1990-03-12")
        #expect(hcert.vaccinations.map(\.date) == ["2022-05-02", "2021-10-20", "2021-08-10"])
        let booster = hcert.vaccinations[0]
        #expect(booster.product == "EU/1/20/1528" && booster.manufacturer == "ORG-100030215" && booster.vaccineType == "1119349007")
        #expect(booster.doseNumber == 3 && booster.seriesDoses == 3, "a booster after two doses is 3 of 3")
        #expect(hcert.vaccinations[1].doseNumber == 2 && hcert.vaccinations[1].seriesDoses == 2)
        #expect(hcert.vaccinations.allSatisfy { $0.identifier == "URN:UVCI:01:VN:S01/X" && $0.country == "VN" && $0.disease == "840539006" })
    }

    @Test("the same facts have the same digest whatever their identifier; another dose changes it")
    func digest() {
        let one = Self.certificate([.init(number: 1, productCode: "pfizer", lotNumber: nil, day: "2026-11-20", place: nil)])
        let a = HealthCertificate(one, catalog: Self.catalog, identifier: "URN:UVCI:01:VN:S01/A")
        let b = HealthCertificate(one, catalog: Self.catalog, identifier: "URN:UVCI:01:VN:S01/B")
        #expect(a.contentDigest == b.contentDigest && a.contentDigest.count == 64)
        var two = one
        two.doses.append(.init(number: 2, productCode: "pfizer", lotNumber: nil, day: "2026-12-11", place: nil))
        #expect(HealthCertificate(two, catalog: Self.catalog, identifier: "").contentDigest != a.contentDigest)
    }

    @Test("an identifier is the site's code and 100 random bits, never twice the same", arguments: ["91-RG-VTV", "kg 01"])
    func identifiers(site: String) {
        let made = (0..<1000).map { _ in UVCI.make(siteCode: site) }
        #expect(Set(made).count == 1000)
        #expect(made.allSatisfy { $0.range(of: #"^URN:UVCI:01:VN:[A-Z0-9]+/[A-Z2-7]{20}$"#, options: .regularExpression) != nil })
    }
}
