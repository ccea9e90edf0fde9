import Foundation

/// What a site files of a pull from the centre: people and the doses other sites gave them. Read from
/// the FHIR resources the centre holds, as the sites sent them.
public enum PulledRecord: Hashable, Sendable {
    case person(Person)
    case dose(PulledDose)
    /// A record merged into another (at its site, or by an officer at the centre): the same person as
    /// `into`, whose record holds their doses now.
    case merged(UUID, into: UUID)
    /// A resource this site does not file (a not-done Immunization, a Patient it cannot read).
    case skipped

    public init(_ resource: FHIRResource, site: String) {
        switch resource {
        // A record merged into another is no one: its doses come under the record it was merged into.
        case .patient(let patient) where patient.active == false:
            guard let id = patient.id.flatMap(UUID.init(uuidString:)),
                  let kept = patient.link?.first(where: { $0.type == "replaced-by" })?.other.reference,
                  kept.hasPrefix("Patient/"), let into = UUID(uuidString: String(kept.dropFirst(8)))
            else { self = .skipped; return }
            self = .merged(id, into: into)
        case .patient(let patient): self = Self.person(patient).map(PulledRecord.person) ?? .skipped
        case .immunization(let immunization): self = PulledDose(immunization, site: site).map(PulledRecord.dose) ?? .skipped
        default: self = .skipped
        }
    }

    static func person(_ patient: FHIRPatient) -> Person? {
        guard let id = patient.id.flatMap(UUID.init(uuidString:)), let name = patient.name?.first,
              let fullName = name.whole,
              let birth = patient.birthDate.flatMap(BirthDate.init(stored:))
        else { return nil }
        let sex: Sex = patient.gender == "male" ? .male : .female
        return Person(
            id: id, fullName: Printable.text(fullName), birthDate: birth, sex: sex,
            identityNumber: patient.identifier?.first { $0.system == FHIRSystem.citizenID }?.value,
            phone: patient.telecom?.first { $0.system == "phone" }?.value,
            address: patient.address?.first?.text.map(Printable.text), commune: patient.address?.first?.district.map(Printable.text),
            priorityGroup: patient.extensionValue(FHIRSystem.priorityGroupExtension)?.valueString.map(Printable.text),
            insuranceNumber: patient.identifier?.first { $0.system == FHIRSystem.insuranceNumber }?.value)
    }
}

/// A dose another site gave, as this site keeps it: read-only here, never sent back.
public struct PulledDose: Hashable, Sendable {
    /// The Immunization's id at the centre (the giving site's record id).
    public var id: String
    public var personID: UUID
    public var dose: PriorDose
    public var lotNumber: String?
    /// The site that gave it.
    public var site: String
    /// Voided there (recorded on the wrong person, never given).
    public var enteredInError: Bool

    init?(_ immunization: FHIRImmunization, site: String) {
        guard let id = immunization.id,
              let patient = immunization.patient?.reference, patient.hasPrefix("Patient/"),
              let personID = UUID(uuidString: String(patient.dropFirst(8))),
              let status = immunization.status, status == "completed" || status == "entered-in-error",
              let code = immunization.vaccineCode?.coding?.first?.code,
              let day = immunization.occurrenceDateTime.map({ String($0.prefix(10)) }),
              let number = immunization.protocolApplied?.first?.doseNumberPositiveInt
        else { return nil }
        self.id = id
        self.personID = personID
        let place = [immunization.location?.display, site].compactMap { $0 }.first
        dose = PriorDose(doseNumber: number, productCode: code, givenOn: day, place: place.map(Printable.text))
        lotNumber = immunization.lotNumber
        self.site = Printable.text(site)
        enteredInError = status == "entered-in-error"
    }
}
