import Foundation

/// An adverse event after immunization (AEFI), as the observation nurse records it: when it began,
/// the signs, common or serious, the anaphylaxis grade (I–IV, Circular 51/2017/TT-BYT), what was done,
/// and where the person was referred. Any anaphylaxis is serious; a serious event alerts every desk.
public struct AdverseEvent: Hashable, Sendable, Identifiable {
    public enum Severity: String, Hashable, Sendable { case common, serious }

    /// How the person was at the last news of the event, as WHO's AEFI form asks (the codes are FHIR's
    /// adverse-event-outcome).
    public enum Outcome: String, CaseIterable, Hashable, Sendable {
        case recovered = "resolved"
        case recovering
        case notRecovered = "ongoing"
        case recoveredWithSequelae = "resolvedWithSequelae"
        case died = "fatal"
        case unknown

        /// FHIR's display text of the code.
        public var display: String {
            switch self {
            case .recovered: "Resolved"
            case .recovering: "Recovering"
            case .notRecovered: "Ongoing"
            case .recoveredWithSequelae: "Resolved with Sequelae"
            case .died: "Fatal"
            case .unknown: "Unknown"
            }
        }
    }

    public var id: UUID
    public var visitID: UUID
    public var onset: Date
    public var signs: String
    public var severity: Severity
    public var anaphylaxisGrade: Int?
    public var actions: String?
    public var referral: String?
    public var outcome: Outcome?
    /// The person's medical history, as WHO's AEFI form asks (illnesses, allergies, medicines).
    public var medicalHistory: String?
    /// How to reach whoever reports it (their phone): the centre may call back about a serious event.
    public var reporterContact: String?
    /// The case number the site gives the report (`KG-0001-AEFI-2026-0003`), once recorded.
    public var caseNumber: String?
    /// Who it happened to, for the alert: the ticket and the person.
    public var ticket: Int?
    public var person: Person?

    public init(
        id: UUID = .timeOrdered(), visitID: UUID, onset: Date, signs: String, severity: Severity,
        anaphylaxisGrade: Int? = nil, actions: String? = nil, referral: String? = nil, outcome: Outcome? = nil,
        medicalHistory: String? = nil, reporterContact: String? = nil, caseNumber: String? = nil,
        ticket: Int? = nil, person: Person? = nil
    ) {
        self.medicalHistory = medicalHistory
        self.reporterContact = reporterContact
        self.caseNumber = caseNumber
        self.id = id
        self.visitID = visitID
        self.onset = onset
        self.signs = signs
        self.severity = anaphylaxisGrade == nil ? severity : .serious
        self.anaphylaxisGrade = anaphylaxisGrade
        self.actions = actions
        self.referral = referral
        self.outcome = outcome
        self.ticket = ticket
        self.person = person
    }
}

/// The form the observation nurse fills for an adverse event.
public struct AdverseEventForm: Hashable, Sendable {
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case onset, signs, severity, grade, actions, referral, history, reporterPhone

        public var isRequired: Bool { self == .onset || self == .signs }
    }

    public var values: [Field: String]

    public init(values: [Field: String]) {
        self.values = values
    }

    /// A form starting at the time it is opened.
    public init(now: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: now)
        values = [.onset: c.hour!.zeroPadded(2) + ":" + c.minute!.zeroPadded(2), .severity: "t"]
    }

    public enum Validation: Hashable, Sendable {
        case valid(AdverseEvent)
        /// String keys of what is wrong with each field.
        case invalid([Field: String])
    }

    /// Reads the form for `visitID`; the onset is a time of today (`HH:mm`), not in the future.
    public func validate(visitID: UUID, now: Date, timeZone: TimeZone) -> Validation {
        var problems: [Field: String] = [:]
        let onset = Self.time(values[.onset] ?? "", on: now, timeZone: timeZone)
        if onset == nil { problems[.onset] = "aefi.badOnset" } else if onset! > now.addingTimeInterval(60) {
            problems[.onset] = "aefi.onsetInFuture"
        }
        let signs = (values[.signs] ?? "").trimmed
        if signs.isEmpty { problems[.signs] = "aefi.signsRequired" }
        let severity: AdverseEvent.Severity?
        switch NameFolding.fold(values[.severity] ?? "") {
        case "", "t", "thong thuong", "common", "c": severity = .common
        case "n", "nang", "serious", "s": severity = .serious
        default: severity = nil
        }
        if severity == nil { problems[.severity] = "aefi.badSeverity" }
        let grade = Self.grade(values[.grade] ?? "")
        if grade == nil { problems[.grade] = "aefi.badGrade" }
        let phone = (values[.reporterPhone] ?? "").trimmed
        let contact = phone.isEmpty ? nil : PhoneNumber.normalize(phone)
        if !phone.isEmpty, contact == nil { problems[.reporterPhone] = "roster.badPhone" }
        guard problems.isEmpty, let onset, let severity, let grade else { return .invalid(problems) }
        func optional(_ field: Field) -> String? {
            let text = (values[field] ?? "").trimmed
            return text.isEmpty ? nil : text
        }
        return .valid(AdverseEvent(
            visitID: visitID, onset: onset, signs: signs, severity: severity, anaphylaxisGrade: grade,
            actions: optional(.actions), referral: optional(.referral), medicalHistory: optional(.history),
            reporterContact: contact))
    }

    /// "", "0": no anaphylaxis (`.some(nil)`); 1–4 or I–IV: its grade; nil when it cannot be read.
    static func grade(_ text: String) -> Int?? {
        switch NameFolding.fold(text) {
        case "", "0", "khong": .some(nil)
        case "1", "i": 1
        case "2", "ii": 2
        case "3", "iii": 3
        case "4", "iv": 4
        default: nil
        }
    }

    /// `HH:mm` (or `H:mm`, `HHhmm`) today at the site.
    static func time(_ text: String, on day: Date, timeZone: TimeZone) -> Date? {
        let parts = text.trimmed.split(whereSeparator: { $0 == ":" || $0 == "h" || $0 == "g" })
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day)
    }
}
