import Foundation

/// The code systems and identifier systems VaxDesk uses in FHIR.
public enum FHIRSystem {
    /// A record id made on site, as FHIR writes a UUID identifier (`urn:uuid:…`).
    public static let uuid = "urn:ietf:rfc:3986"
    public static let citizenID = "urn:vaxdesk:citizen-id"
    public static let insuranceNumber = "urn:vaxdesk:health-insurance-number"
    public static let vaccine = "urn:vaxdesk:vaccine"
    public static let vialEvent = "urn:vaxdesk:vial"
    public static let actReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
    public static let actSite = "http://terminology.hl7.org/CodeSystem/v3-ActSite"
    public static let route = "http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration"
    public static let seriousness = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness"
    public static let severity = "http://terminology.hl7.org/CodeSystem/adverse-event-severity"
    public static let adverseEventOutcome = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"
    public static let performerFunction = "http://terminology.hl7.org/CodeSystem/v2-0443"
    public static let immunizationOrigin = "http://terminology.hl7.org/CodeSystem/immunization-origin"
    public static let screeningOutcome = "urn:vaxdesk:screening-outcome"
    /// Extensions of the vial Basic resource.
    public static let lotExtension = "urn:vaxdesk:extension:lot"
    public static let productExtension = "urn:vaxdesk:extension:product"
    public static let dosesPerVialExtension = "urn:vaxdesk:extension:doses-per-vial"
    public static let dosesWastedExtension = "urn:vaxdesk:extension:doses-wasted"
    public static let discardedExtension = "urn:vaxdesk:extension:discarded-at"
    public static let caseNumberExtension = "urn:vaxdesk:extension:aefi-case-number"
    public static let snomed = "http://snomed.info/sct"
    /// EMA's organisation codes (SPOR OMS), as the EU DCC value set of manufacturers uses them.
    public static let emaOrganisation = "https://spor.ema.europa.eu/v1/organisations"
    public static let countryExtension = "urn:vaxdesk:extension:country"
    /// A person's priority group of the campaign (Resolution 21/NQ-CP's groups, as the roster wrote it).
    public static let priorityGroupExtension = "urn:vaxdesk:extension:priority-group"
    /// A certificate's unique identifier (UVCI).
    public static let certificateIdentifier = "urn:vaxdesk:uvci"
    public static let loinc = "http://loinc.org"
}

/// Turns what the site recorded into FHIR R4 resources. Ids are the site's record ids, so that sending
/// a resource again (`PUT Type/id`) changes nothing at the centre.
public struct FHIRMapping: Sendable {
    public let catalog: VaccineCatalog
    public let timeZone: TimeZone
    /// Made once: a formatter per date made the pusher spend more time on dates than on anything else.
    let dateTimeStyle: Date.ISO8601FormatStyle

    public init(catalog: VaccineCatalog, timeZone: TimeZone) {
        self.catalog = catalog
        self.timeZone = timeZone
        dateTimeStyle = FHIRDateTime.style(in: timeZone)
    }

    /// The resources a record becomes: the person with every Immunization or AdverseEvent (the centre
    /// may not have them yet), nothing for a local step.
    public func resources(for record: SyncRecord) -> [FHIRResource] {
        switch record {
        case .patient(let person, let replacedBy): [.patient(patient(person, replacedBy: replacedBy))]
        case .immunization(let facts): [.patient(patient(facts.person)), .immunization(immunization(facts))]
        case .adverseEvent(let facts): [.patient(patient(facts.person)), .adverseEvent(adverseEvent(facts))]
        case .vial(let facts): [.basic(vial(facts))]
        case .certificate(let facts): [.patient(patient(facts.person)), .documentReference(certificate(facts))]
        case .localOnly: []
        }
    }

    public func patient(_ person: Person, replacedBy: UUID? = nil) -> FHIRPatient {
        var identifiers = [Self.recordIdentifier(person.id)]
        if let number = person.identityNumber { identifiers.append(FHIRIdentifier(system: FHIRSystem.citizenID, value: number)) }
        if let insurance = person.insuranceNumber {
            identifiers.append(FHIRIdentifier(system: FHIRSystem.insuranceNumber, value: insurance))
        }
        // Vietnamese names put the family name first: "Nguyễn Văn Đức" is Nguyễn, then Văn Đức.
        let words = person.fullName.split(separator: " ").map(String.init)
        let name = FHIRHumanName(text: person.fullName, family: words.first, given: words.count > 1 ? Array(words.dropFirst()) : nil)
        var patient = FHIRPatient()
        patient.id = person.id.text
        patient.identifier = identifiers
        patient.name = [name]
        patient.gender = person.sex == .male ? "male" : "female"
        patient.birthDate = person.birthDate.stored
        patient.telecom = person.phone.map { [FHIRContactPoint(system: "phone", value: $0)] }
        if person.address != nil || person.commune != nil {
            let text = [person.address, person.commune].compactMap { $0 }.joined(separator: ", ")
            patient.address = [FHIRAddress(text: text, district: person.commune, country: "VN")]
        }
        patient.extension = person.priorityGroup.map { [FHIRExtension(url: FHIRSystem.priorityGroupExtension, valueString: $0)] }
        if let replacedBy {
            patient.active = false
            patient.link = [FHIRPatient.Link(other: FHIRReference(reference: "Patient/\(replacedBy.text)"), type: "replaced-by")]
        }
        return patient
    }

    public func immunization(_ facts: ImmunizationFacts) -> FHIRImmunization {
        var resource = FHIRImmunization()
        resource.id = facts.id.text
        // When the site last changed it: a copy sent late (a reordered retry) never undoes a correction.
        resource.meta = FHIRMeta(lastUpdated: dateTime(facts.recorded))
        resource.identifier = [Self.recordIdentifier(facts.id)]
        resource.patient = FHIRReference(reference: "Patient/\(facts.person.id.text)")
        switch facts.occurred {
        case .moment(let date): resource.occurrenceDateTime = dateTime(date)
        case .day(let day): resource.occurrenceDateTime = day
        }
        resource.recorded = dateTime(facts.recorded)
        let product = facts.productCode.flatMap { catalog.product($0) }
        resource.vaccineCode = FHIRCodeableConcept(
            coding: [FHIRCoding(system: FHIRSystem.vaccine, code: facts.productCode ?? "covid-19", display: product?.name)],
            text: product?.name ?? "COVID-19 vaccine")
        resource.primarySource = facts.primarySource
        if !facts.primarySource {
            resource.reportOrigin = FHIRCodeableConcept(
                coding: [FHIRCoding(system: FHIRSystem.immunizationOrigin, code: "record", display: "Written Record")])
        }
        resource.location = facts.place.map { FHIRReference(display: $0) }
        resource.lotNumber = facts.lotNumber
        resource.expirationDate = facts.lotExpiry
        resource.performer = facts.performer.map {
            [FHIRImmunization.Performer(
                function: FHIRCodeableConcept(coding: [FHIRCoding(system: FHIRSystem.performerFunction, code: "AP",
                                                                  display: "Administering Provider")]),
                actor: FHIRReference(display: $0))]
        }
        // What the signed certificate says of the dose: the disease, the series, who made it, the country.
        let covid = FHIRCodeableConcept(coding: [FHIRCoding(system: FHIRSystem.snomed, code: "840539006", display: "COVID-19")])
        if let dose = facts.doseNumber {
            resource.protocolApplied = [FHIRImmunization.ProtocolApplied(
                series: nil, targetDisease: [covid], doseNumberPositiveInt: dose,
                seriesDosesPositiveInt: product.map { max($0.primaryDoses, dose) })]
        }
        // EMA's code where there is one (ORG-…); the value set's name otherwise (Gamaleya-Research-Institute).
        resource.manufacturer = product.map(\.certificate.manufacturer).map { code in
            code.hasPrefix("ORG-") ? FHIRReference(identifier: FHIRIdentifier(system: FHIRSystem.emaOrganisation, value: code))
                : FHIRReference(display: code)
        }
        resource.extension = [FHIRExtension(url: FHIRSystem.countryExtension, valueString: "VN")]
        switch facts.status {
        case .completed:
            resource.status = "completed"
            if let arm = facts.arm {
                resource.site = FHIRCodeableConcept(coding: [FHIRCoding(
                    system: FHIRSystem.actSite, code: arm == .left ? "LA" : "RA", display: arm == .left ? "left arm" : "right arm")])
                resource.route = FHIRCodeableConcept(coding: [FHIRCoding(system: FHIRSystem.route, code: "IM",
                                                                         display: "Injection, intramuscular")])
            }
        case .notDone(let outcome):
            resource.status = "not-done"
            // A medical precaution, with the screening outcome that decided it.
            resource.statusReason = FHIRCodeableConcept(
                coding: [FHIRCoding(system: FHIRSystem.actReason, code: "MEDPREC", display: "medical precaution"),
                         FHIRCoding(system: FHIRSystem.screeningOutcome, code: outcome.rawValue)],
                text: outcome.rawValue)
        case .refused:
            // Fit for the dose, and declined it: the value set's own "patient objection".
            resource.status = "not-done"
            resource.statusReason = FHIRCodeableConcept(
                coding: [FHIRCoding(system: FHIRSystem.actReason, code: "PATOBJ", display: "patient objection")],
                text: "refused")
        }
        // Voided: the record stays as it was made, and says it was entered in error.
        if facts.enteredInError { resource.status = "entered-in-error" }
        return resource
    }

    public func adverseEvent(_ facts: AdverseEventFacts) -> FHIRAdverseEvent {
        let event = facts.event
        var resource = FHIRAdverseEvent()
        resource.id = event.id.text
        resource.meta = FHIRMeta(lastUpdated: dateTime(facts.recorded))
        resource.identifier = Self.recordIdentifier(event.id)
        resource.actuality = "actual"
        var text = event.signs
        if let grade = event.anaphylaxisGrade { text += " (anaphylaxis grade \(grade))" }
        resource.event = FHIRCodeableConcept(text: text)
        resource.subject = FHIRReference(reference: "Patient/\(facts.person.id.text)")
        resource.date = dateTime(event.onset)
        resource.recordedDate = dateTime(facts.recorded)
        let serious = event.severity == .serious
        resource.seriousness = FHIRCodeableConcept(coding: [FHIRCoding(
            system: FHIRSystem.seriousness, code: serious ? "serious" : "non-serious", display: serious ? "Serious" : "Non-serious")])
        resource.severity = FHIRCodeableConcept(coding: [FHIRCoding(
            system: FHIRSystem.severity, code: serious ? "severe" : "mild", display: serious ? "Severe" : "Mild")])
        resource.recorder = facts.reporter.map { FHIRReference(display: $0) }
        resource.subjectMedicalHistory = event.medicalHistory.map { [FHIRReference(display: $0)] }
        resource.extension = event.caseNumber.map { [FHIRExtension(url: FHIRSystem.caseNumberExtension, valueString: $0)] }
        resource.outcome = event.outcome.map {
            FHIRCodeableConcept(coding: [FHIRCoding(system: FHIRSystem.adverseEventOutcome, code: $0.rawValue, display: $0.display)])
        }
        resource.suspectEntity = facts.injectionID.map {
            [FHIRAdverseEvent.SuspectEntity(instance: FHIRReference(reference: "Immunization/\($0.text)"))]
        }
        return resource
    }

    public func vial(_ facts: VialFacts) -> FHIRBasic {
        var resource = FHIRBasic()
        resource.id = facts.id.text
        resource.meta = FHIRMeta(lastUpdated: dateTime(facts.discardedAt ?? facts.openedAt))
        resource.identifier = [Self.recordIdentifier(facts.id)]
        let discarded = facts.discardedAt != nil
        resource.code = FHIRCodeableConcept(coding: [FHIRCoding(system: FHIRSystem.vialEvent, code: discarded ? "discarded" : "opened")])
        // R4's Basic.created is a date, not a dateTime.
        resource.created = LocalDate(facts.openedAt, in: timeZone).stored
        var extensions = [
            FHIRExtension(url: FHIRSystem.productExtension, valueString: facts.productCode),
            FHIRExtension(url: FHIRSystem.lotExtension, valueString: facts.lotNumber),
            FHIRExtension(url: FHIRSystem.dosesPerVialExtension, valueInteger: facts.dosesPerVial),
        ]
        if let at = facts.discardedAt { extensions.append(FHIRExtension(url: FHIRSystem.discardedExtension, valueString: dateTime(at))) }
        if let wasted = facts.dosesWasted { extensions.append(FHIRExtension(url: FHIRSystem.dosesWastedExtension, valueInteger: wasted)) }
        resource.extension = extensions
        return resource
    }

    /// A certificate: its UVCI, whom it is about, when issued, and whether it stands.
    public func certificate(_ facts: CertificateFacts) -> FHIRDocumentReference {
        let issued = facts.issued
        var resource = FHIRDocumentReference()
        resource.id = issued.id.text
        resource.meta = FHIRMeta(lastUpdated: dateTime(issued.revokedAt ?? issued.issuedAt))
        resource.masterIdentifier = FHIRIdentifier(system: FHIRSystem.certificateIdentifier, value: issued.identifier)
        resource.identifier = [Self.recordIdentifier(issued.id)]
        resource.status = switch issued.revocationReason {
        case nil: "current"
        case .corrected?: "superseded"
        case .enteredInError?: "entered-in-error"
        }
        // LOINC 82593-5: Immunization summary report.
        resource.type = FHIRCodeableConcept(coding: [FHIRCoding(system: FHIRSystem.loinc, code: "82593-5",
                                                                display: "Immunization summary report")])
        resource.subject = FHIRReference(reference: "Patient/\(facts.person.id.text)")
        resource.date = dateTime(issued.issuedAt)
        resource.relatesTo = facts.replaces.map {
            [FHIRDocumentReference.RelatesTo(
                code: "replaces", target: FHIRReference(reference: "DocumentReference/\($0.id.text)", display: $0.identifier))]
        }
        resource.content = [.init(attachment: .init(contentType: "text/plain", title: "HC1"))]
        return resource
    }

    static func recordIdentifier(_ id: UUID) -> FHIRIdentifier {
        FHIRIdentifier(system: FHIRSystem.uuid, value: "urn:uuid:" + id.text)
    }

    /// `2026-11-27T09:15:00+07:00`: a moment in the site's zone, as FHIR's dateTime wants it.
    public func dateTime(_ date: Date) -> String { date.formatted(dateTimeStyle) }
}

/// FHIR's dateTime with a time of day: `2026-11-27T09:15:00+07:00` (the offset with a colon).
public enum FHIRDateTime {
    static func style(in timeZone: TimeZone) -> Date.ISO8601FormatStyle {
        Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone)
    }

    /// The moment a FHIR dateTime names, or nil when it has no time of day or cannot be read.
    public static func parse(_ text: String) -> Date? {
        try? style(in: .gmt).parse(text)
    }

    /// `date` as a FHIR dateTime, in UTC.
    public static func format(_ date: Date) -> String {
        date.formatted(style(in: .gmt))
    }
}
