/// The vaccination certificate as an HCERT carries it (EU DCC schema 1.3.0, which WHO DDCC:VS takes up):
/// who, and each dose with the codes a verifier anywhere reads. Only values: signing is `HC1`'s.
public struct HealthCertificate: Equatable, Sendable {
    public struct Name: Equatable, Sendable {
        /// As written, with diacritics: "Nguyễn".
        public var family: String
        public var given: String
        /// ICAO 9303 transliteration: "NGUYEN", "THI<MINH<KHAI".
        public var familyICAO: String
        public var givenICAO: String

        public init(family: String, given: String) {
            self.family = family
            self.given = given
            familyICAO = ICAOTransliteration.of(family)
            givenICAO = ICAOTransliteration.of(given)
        }

        init(family: String, given: String, familyICAO: String, givenICAO: String) {
            self.family = family
            self.given = given
            self.familyICAO = familyICAO
            self.givenICAO = givenICAO
        }
    }

    public struct Vaccination: Equatable, Sendable {
        /// COVID-19 (SNOMED CT 840539006).
        public static let covid19 = "840539006"

        public var disease: String
        /// Vaccine type: SNOMED CT or ATC (`vp`).
        public var vaccineType: String
        /// Medicinal product: the EU authorisation number, or a WHO-listed product code (`mp`).
        public var product: String
        /// Manufacturer or market-authorisation holder (`ma`).
        public var manufacturer: String
        public var doseNumber: Int
        /// Doses of the series (`sd`).
        public var seriesDoses: Int
        /// `yyyy-mm-dd`.
        public var date: String
        /// ISO 3166 alpha-2 (`co`).
        public var country: String
        /// Who issued the certificate (`is`).
        public var issuer: String
        /// The certificate's unique identifier (UVCI, `ci`).
        public var identifier: String

        public init(disease: String = covid19, vaccineType: String, product: String, manufacturer: String,
                    doseNumber: Int, seriesDoses: Int, date: String, country: String, issuer: String,
                    identifier: String) {
            self.disease = disease
            self.vaccineType = vaccineType
            self.product = product
            self.manufacturer = manufacturer
            self.doseNumber = doseNumber
            self.seriesDoses = seriesDoses
            self.date = date
            self.country = country
            self.issuer = issuer
            self.identifier = identifier
        }
    }

    public static let schemaVersion = "1.3.0"

    public var version: String
    public var name: Name
    /// `yyyy-mm-dd`, or `yyyy` when only the year is known.
    public var birthDate: String
    /// The latest dose first: a verifier that reads only `v[0]` sees where the series stands.
    public var vaccinations: [Vaccination]

    public init(version: String = schemaVersion, name: Name, birthDate: String, vaccinations: [Vaccination]) {
        self.version = version
        self.name = name
        self.birthDate = birthDate
        self.vaccinations = vaccinations
    }
}

extension HealthCertificate {
    public enum Failure: Error, Equatable {
        /// A field the schema requires is missing or of the wrong kind.
        case missing(String)
    }

    /// The DCC as a CBOR map, its keys those of the schema.
    public var cbor: CBOR {
        .map([
            (.text("ver"), .text(version)),
            (.text("nam"), .map([
                (.text("fn"), .text(name.family)), (.text("fnt"), .text(name.familyICAO)),
                (.text("gn"), .text(name.given)), (.text("gnt"), .text(name.givenICAO)),
            ])),
            (.text("dob"), .text(birthDate)),
            (.text("v"), .array(vaccinations.map { dose in
                .map([
                    (.text("tg"), .text(dose.disease)), (.text("vp"), .text(dose.vaccineType)),
                    (.text("mp"), .text(dose.product)), (.text("ma"), .text(dose.manufacturer)),
                    (.text("dn"), .int(dose.doseNumber)), (.text("sd"), .int(dose.seriesDoses)),
                    (.text("dt"), .text(dose.date)), (.text("co"), .text(dose.country)),
                    (.text("is"), .text(dose.issuer)), (.text("ci"), .text(dose.identifier)),
                ])
            })),
        ])
    }

    /// Reads a DCC, from any issuer: only what a vaccination certificate needs is required.
    public init(cbor: CBOR) throws {
        func text(_ value: CBOR?, _ field: String) throws -> String {
            guard case .text(let text)? = value else { throw Failure.missing(field) }
            return text
        }
        func optionalText(_ value: CBOR?) -> String { if case .text(let text)? = value { text } else { "" } }
        guard let nam = cbor[.text("nam")] else { throw Failure.missing("nam") }
        let name = Name(family: optionalText(nam[.text("fn")]), given: optionalText(nam[.text("gn")]),
                        familyICAO: try text(nam[.text("fnt")], "nam.fnt"), givenICAO: optionalText(nam[.text("gnt")]))
        guard case .array(let entries)? = cbor[.text("v")], !entries.isEmpty else { throw Failure.missing("v") }
        let vaccinations = try entries.enumerated().map { index, entry in
            func field(_ key: String) throws -> String { try text(entry[.text(key)], "v[\(index)].\(key)") }
            guard let dose = entry[.text("dn")]?.int, let series = entry[.text("sd")]?.int else {
                throw Failure.missing("v[\(index)].dn")
            }
            return Vaccination(disease: try field("tg"), vaccineType: try field("vp"), product: try field("mp"),
                               manufacturer: try field("ma"), doseNumber: dose, seriesDoses: series,
                               date: try field("dt"), country: try field("co"), issuer: try field("is"),
                               identifier: try field("ci"))
        }
        self.init(version: try text(cbor[.text("ver")], "ver"), name: name,
                  birthDate: try text(cbor[.text("dob")], "dob"), vaccinations: vaccinations)
    }
}
