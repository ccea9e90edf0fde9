import Crypto
import Foundation
import VaxCore

extension HealthCertificate {
    /// Who issues Viet Nam's certificates (`is`): the site that signed is known by the signer's kid.
    public static let issuer = "Bộ Y tế Việt Nam"

    /// The HCERT of a certificate on record: the person's name as Vietnamese writes it (the family name
    /// first, the rest given names), and every dose, the latest first, with the catalog's codes; a dose
    /// past the primary series counts the series on (a booster after two doses is 3 of 3, as DCC says).
    public init(_ certificate: Certificate, catalog: VaccineCatalog, identifier: String) {
        let words = certificate.person.fullName.split(whereSeparator: \.isWhitespace).map(String.init)
        let name = Name(family: words.first ?? "", given: words.dropFirst().joined(separator: " "))
        let doses = certificate.doses.sorted { ($0.day, $0.number) > ($1.day, $1.number) }.map { dose in
            let product = catalog.product(dose.productCode)
            return Vaccination(
                vaccineType: product?.certificate.vaccineType ?? "J07BX03",
                product: product?.certificate.product ?? dose.productCode,
                manufacturer: product?.certificate.manufacturer ?? "",
                doseNumber: dose.number, seriesDoses: max(product?.primaryDoses ?? dose.number, dose.number),
                date: dose.day, country: "VN", issuer: Self.issuer, identifier: identifier)
        }
        self.init(name: name, birthDate: certificate.person.birthDate.stored, vaccinations: doses)
    }

    /// The SHA-256 (hex) of what the certificate states, its identifier left out: two certificates of
    /// the same facts have the same digest, whatever their identifiers.
    public var contentDigest: String {
        var facts = self
        for index in facts.vaccinations.indices { facts.vaccinations[index].identifier = "" }
        return Array(SHA256.hash(data: facts.cbor.encoded())).hex
    }
}

/// Unique certificate identifiers (UVCI, EU eHealth Network guidelines, option 3: an opaque
/// unique string): `URN:UVCI:01:VN:` then the site's code and 20 random Base32 characters (100 bits).
public enum UVCI {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func make(siteCode: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let opaque = String((0..<20).map { _ in alphabet[Int.random(in: 0..<32, using: &generator)] })
        let site = siteCode.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return "URN:UVCI:01:VN:\(site)/\(opaque)"
    }
}
