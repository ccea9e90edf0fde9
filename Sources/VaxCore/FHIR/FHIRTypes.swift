import Foundation

// The part of FHIR R4 that VaxDesk exchanges with the central service: Patient, Immunization,
// AdverseEvent, Basic (vial events), OperationOutcome and Bundle. Field names are FHIR's; an absent
// optional is left out of the JSON, as FHIR wants (no nulls).

public struct FHIRCoding: Codable, Hashable, Sendable {
    public var system: String?
    public var code: String?
    public var display: String?

    public init(system: String?, code: String?, display: String? = nil) {
        self.system = system
        self.code = code
        self.display = display
    }
}

public struct FHIRCodeableConcept: Codable, Hashable, Sendable {
    public var coding: [FHIRCoding]?
    public var text: String?

    public init(coding: [FHIRCoding]? = nil, text: String? = nil) {
        self.coding = coding
        self.text = text
    }

    /// The first code of `system`.
    public func code(in system: String) -> String? { coding?.first { $0.system == system }?.code }
}

public struct FHIRIdentifier: Codable, Hashable, Sendable {
    public var system: String?
    public var value: String?

    public init(system: String, value: String) {
        self.system = system
        self.value = value
    }
}

public struct FHIRReference: Codable, Hashable, Sendable {
    public var reference: String?
    /// Who is meant, by an identifier, when the centre holds no resource for it (a manufacturer).
    public var identifier: FHIRIdentifier?
    public var display: String?

    public init(reference: String? = nil, identifier: FHIRIdentifier? = nil, display: String? = nil) {
        self.reference = reference
        self.identifier = identifier
        self.display = display
    }
}

public struct FHIRExtension: Codable, Hashable, Sendable {
    public var url: String
    public var valueString: String?
    public var valueInteger: Int?

    public init(url: String, valueString: String? = nil, valueInteger: Int? = nil) {
        self.url = url
        self.valueString = valueString
        self.valueInteger = valueInteger
    }
}

public struct FHIRMeta: Codable, Hashable, Sendable {
    public var versionId: String?
    public var lastUpdated: String?
    public var source: String?

    public init(versionId: String? = nil, lastUpdated: String? = nil, source: String? = nil) {
        self.versionId = versionId
        self.lastUpdated = lastUpdated
        self.source = source
    }
}

public struct FHIRHumanName: Codable, Hashable, Sendable {
    public var text: String?
    public var family: String?
    public var given: [String]?

    /// The name as written: its text, else the family name and the given names; nil when empty.
    public var whole: String? {
        let whole: String = text ?? ([family] + (given ?? []).map { $0 }).compactMap { $0 }.joined(separator: " ")
        return whole.isEmpty ? nil : whole
    }
}

public struct FHIRContactPoint: Codable, Hashable, Sendable {
    public var system: String?
    public var value: String?
}

public struct FHIRAddress: Codable, Hashable, Sendable {
    public var text: String?
    public var district: String?
    public var country: String?
}

public struct FHIRPatient: Codable, Hashable, Sendable {
    public var resourceType = "Patient"
    public var id: String?
    public var meta: FHIRMeta?
    public var identifier: [FHIRIdentifier]?
    public var name: [FHIRHumanName]?
    public var telecom: [FHIRContactPoint]?
    public var gender: String?
    public var birthDate: String?
    public var address: [FHIRAddress]?
    /// False for a record merged into another (the same person twice).
    public var active: Bool?
    public var link: [Link]?
    /// The campaign's priority group (`FHIRSystem.priorityGroupExtension`), which the centre's reports
    /// count by.
    public var `extension`: [FHIRExtension]?

    public func extensionValue(_ url: String) -> FHIRExtension? { `extension`?.first { $0.url == url } }

    /// `replaced-by`: this record was merged into `other`, which holds the person's doses now.
    public struct Link: Codable, Hashable, Sendable {
        public var other: FHIRReference
        public var type: String

        public init(other: FHIRReference, type: String) {
            self.other = other
            self.type = type
        }
    }
}

public struct FHIRImmunization: Codable, Hashable, Sendable {
    public struct Performer: Codable, Hashable, Sendable {
        public var function: FHIRCodeableConcept?
        public var actor: FHIRReference
    }

    public struct ProtocolApplied: Codable, Hashable, Sendable {
        public var series: String?
        public var targetDisease: [FHIRCodeableConcept]?
        public var doseNumberPositiveInt: Int?
        /// The doses of the series: a booster after two doses is 3 of 3, as the certificate says.
        public var seriesDosesPositiveInt: Int?
    }

    public var resourceType = "Immunization"
    public var id: String?
    public var meta: FHIRMeta?
    /// The country where the dose was given (`FHIRSystem.countryExtension`), as the certificate says.
    public var `extension`: [FHIRExtension]?
    public var identifier: [FHIRIdentifier]?
    /// completed, or not-done with `statusReason`.
    public var status: String?
    public var statusReason: FHIRCodeableConcept?
    public var vaccineCode: FHIRCodeableConcept?
    public var patient: FHIRReference?
    public var occurrenceDateTime: String?
    public var recorded: String?
    /// False for a dose entered from a paper record.
    public var primarySource: Bool?
    public var reportOrigin: FHIRCodeableConcept?
    public var location: FHIRReference?
    /// The manufacturer or market-authorisation holder, by its EU organisation code.
    public var manufacturer: FHIRReference?
    public var lotNumber: String?
    public var expirationDate: String?
    public var site: FHIRCodeableConcept?
    public var route: FHIRCodeableConcept?
    public var performer: [Performer]?
    public var note: [Annotation]?
    public var protocolApplied: [ProtocolApplied]?

    public struct Annotation: Codable, Hashable, Sendable {
        public var text: String
    }
}

public struct FHIRAdverseEvent: Codable, Hashable, Sendable {
    public struct SuspectEntity: Codable, Hashable, Sendable {
        public var instance: FHIRReference
    }

    public var resourceType = "AdverseEvent"
    public var id: String?
    public var meta: FHIRMeta?
    /// One identifier in R4 (not a list).
    public var identifier: FHIRIdentifier?
    public var actuality: String?
    public var event: FHIRCodeableConcept?
    public var subject: FHIRReference?
    public var date: String?
    public var recordedDate: String?
    public var seriousness: FHIRCodeableConcept?
    public var severity: FHIRCodeableConcept?
    public var outcome: FHIRCodeableConcept?
    public var suspectEntity: [SuspectEntity]?
    /// Who reported it, with their position, institution and contact (WHO's reporter variables).
    public var recorder: FHIRReference?
    public var subjectMedicalHistory: [FHIRReference]?
    /// The site's case number of the report.
    public var `extension`: [FHIRExtension]?
}

/// Vial events (opened, discarded with the doses wasted): FHIR has no resource for them, so they travel
/// as Basic with extensions, for the centre's wastage report.
public struct FHIRBasic: Codable, Hashable, Sendable {
    public var resourceType = "Basic"
    public var id: String?
    public var meta: FHIRMeta?
    public var identifier: [FHIRIdentifier]?
    public var code: FHIRCodeableConcept?
    public var created: String?
    public var `extension`: [FHIRExtension]?

    public func extensionValue(_ url: String) -> FHIRExtension? { `extension`?.first { $0.url == url } }
}

/// A signed certificate the site issued: its identifier (UVCI) as the master identifier, whom it is
/// about, and whether it stands (`current`), was replaced after a correction (`superseded`), or states a
/// dose voided (`entered-in-error`). The centre's revocation list is read from these.
public struct FHIRDocumentReference: Codable, Hashable, Sendable {
    public struct RelatesTo: Codable, Hashable, Sendable {
        /// `replaces`.
        public var code: String
        public var target: FHIRReference
    }

    public struct Content: Codable, Hashable, Sendable {
        public struct Attachment: Codable, Hashable, Sendable {
            public var contentType: String?
            public var title: String?
        }

        public var attachment: Attachment
    }

    public var resourceType = "DocumentReference"
    public var id: String?
    public var meta: FHIRMeta?
    public var masterIdentifier: FHIRIdentifier?
    public var identifier: [FHIRIdentifier]?
    public var status: String?
    public var type: FHIRCodeableConcept?
    public var subject: FHIRReference?
    /// When it was issued (an instant).
    public var date: String?
    public var relatesTo: [RelatesTo]?
    public var content: [Content]?

    public init() {}
}

public struct FHIROperationOutcome: Codable, Hashable, Sendable {
    public struct Issue: Codable, Hashable, Sendable {
        public var severity: String
        public var code: String
        public var diagnostics: String?
    }

    public var resourceType = "OperationOutcome"
    public var issue: [Issue]

    public init(severity: String = "error", code: String, diagnostics: String) {
        issue = [Issue(severity: severity, code: code, diagnostics: diagnostics)]
    }

    /// The first issue's words, for a person to read.
    public var message: String { issue.compactMap(\.diagnostics).joined(separator: "; ") }
}

/// Any resource VaxDesk exchanges, told apart by `resourceType`.
public enum FHIRResource: Codable, Hashable, Sendable {
    case patient(FHIRPatient)
    case immunization(FHIRImmunization)
    case adverseEvent(FHIRAdverseEvent)
    case basic(FHIRBasic)
    case documentReference(FHIRDocumentReference)
    case operationOutcome(FHIROperationOutcome)

    private enum Key: String, CodingKey { case resourceType }

    /// A resource type this service does not take.
    public struct UnsupportedType: Error, Hashable { public let type: String }

    public init(from decoder: Decoder) throws {
        let type = try decoder.container(keyedBy: Key.self).decode(String.self, forKey: .resourceType)
        switch type {
        case "Patient": self = .patient(try FHIRPatient(from: decoder))
        case "Immunization": self = .immunization(try FHIRImmunization(from: decoder))
        case "AdverseEvent": self = .adverseEvent(try FHIRAdverseEvent(from: decoder))
        case "Basic": self = .basic(try FHIRBasic(from: decoder))
        case "DocumentReference": self = .documentReference(try FHIRDocumentReference(from: decoder))
        case "OperationOutcome": self = .operationOutcome(try FHIROperationOutcome(from: decoder))
        default: throw UnsupportedType(type: type)
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .patient(let r): try r.encode(to: encoder)
        case .immunization(let r): try r.encode(to: encoder)
        case .adverseEvent(let r): try r.encode(to: encoder)
        case .basic(let r): try r.encode(to: encoder)
        case .documentReference(let r): try r.encode(to: encoder)
        case .operationOutcome(let r): try r.encode(to: encoder)
        }
    }

    public var type: String {
        switch self {
        case .patient: "Patient"
        case .immunization: "Immunization"
        case .adverseEvent: "AdverseEvent"
        case .basic: "Basic"
        case .documentReference: "DocumentReference"
        case .operationOutcome: "OperationOutcome"
        }
    }

    /// `meta.lastUpdated`: when the sender last changed it.
    public var lastUpdated: String? {
        switch self {
        case .patient(let r): r.meta?.lastUpdated
        case .immunization(let r): r.meta?.lastUpdated
        case .adverseEvent(let r): r.meta?.lastUpdated
        case .basic(let r): r.meta?.lastUpdated
        case .documentReference(let r): r.meta?.lastUpdated
        case .operationOutcome: nil
        }
    }

    public var id: String? {
        switch self {
        case .patient(let r): r.id
        case .immunization(let r): r.id
        case .adverseEvent(let r): r.id
        case .basic(let r): r.id
        case .documentReference(let r): r.id
        case .operationOutcome: nil
        }
    }
}

public struct FHIRBundle: Codable, Hashable, Sendable {
    public struct Entry: Codable, Hashable, Sendable {
        public struct Request: Codable, Hashable, Sendable {
            public var method: String
            public var url: String
            /// `W/"3"`: store only if the centre's version is still 3 (409 otherwise).
            public var ifMatch: String? = nil
        }

        public struct Response: Codable, Hashable, Sendable {
            /// "201 Created", "200 OK", "400 Bad Request"…
            public var status: String
            public var location: String?
            public var outcome: FHIRResource?

            public init(status: String, location: String? = nil, outcome: FHIRResource? = nil) {
                self.status = status
                self.location = location
                self.outcome = outcome
            }

            /// The HTTP status code at the start of `status`.
            public var code: Int { Int(status.prefix { $0.isNumber }) ?? 0 }
        }

        public var fullUrl: String?
        public var resource: FHIRResource?
        public var request: Request?
        public var response: Response?

        public init(fullUrl: String? = nil, resource: FHIRResource? = nil, request: Request? = nil, response: Response? = nil) {
            self.fullUrl = fullUrl
            self.resource = resource
            self.request = request
            self.response = response
        }
    }

    public var resourceType = "Bundle"
    public var id: String?
    /// batch, transaction, batch-response, transaction-response, searchset, collection.
    public var type: String
    public var timestamp: String?
    public var total: Int?
    public var entry: [Entry]?

    public init(id: String? = nil, type: String, timestamp: String? = nil, total: Int? = nil, entry: [Entry]? = nil) {
        self.id = id
        self.type = type
        self.timestamp = timestamp
        self.total = total
        self.entry = entry
    }
}

extension FHIRResource {
    /// FHIR JSON: keys sorted (a resource sent twice reads the same byte for byte), no escaped slashes.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
