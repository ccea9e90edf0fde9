import Foundation

/// What the report of an adverse event holds, for the form a serious one is reported on within 24 hours
/// (Circular 34/2018/TT-BYT) and for WHO's core variables: the reporting site, the person, the vaccine
/// and the dose, the event, what was done and how it ended, the reporter and how to reach them.
public struct AdverseEventReport: Hashable, Sendable {
    public var caseNumber: String
    public var siteName: String
    public var reportedAt: Date
    public var person: Person
    public var event: AdverseEvent
    public var productCode: String?
    public var lotNumber: String?
    public var lotExpiry: String?
    public var doseNumber: Int?
    public var injectedAt: Date?
    public var reporterName: String
    public var reporterRole: Role

    public init(
        caseNumber: String, siteName: String, reportedAt: Date, person: Person, event: AdverseEvent, productCode: String?,
        lotNumber: String?, lotExpiry: String?, doseNumber: Int?, injectedAt: Date?, reporterName: String, reporterRole: Role
    ) {
        self.caseNumber = caseNumber
        self.siteName = siteName
        self.reportedAt = reportedAt
        self.person = person
        self.event = event
        self.productCode = productCode
        self.lotNumber = lotNumber
        self.lotExpiry = lotExpiry
        self.doseNumber = doseNumber
        self.injectedAt = injectedAt
        self.reporterName = reporterName
        self.reporterRole = reporterRole
    }

    /// The report as lines of text, in the reader's language: on paper, in a file, on a screen.
    public func lines(_ s: Strings, catalog: VaccineCatalog, timeZone: TimeZone) -> [String] {
        func moment(_ date: Date) -> String {
            LocalDay.time(date, in: timeZone) + " " + LocalDay.shown(LocalDay.of(date, in: timeZone))
        }
        let none = s["common.none"]
        let e = event
        return [
            s[e.severity == .serious ? "aefiReport.titleSerious" : "aefiReport.title"],
            s.text("aefiReport.case", ["case": caseNumber, "site": siteName, "date": moment(reportedAt)]), "",
            s["aefiReport.person"],
            "  " + s.text("certificate.name", ["name": person.fullName]),
            "  " + s.text("certificate.birth", ["date": person.birthDate.description, "sex": s["sex.\(person.sex.rawValue)"]]),
            "  " + s.text("certificate.id", ["id": person.identityNumber ?? none]),
            "  " + s.text("aefiReport.address", ["address": [person.address, person.commune].compactMap { $0 }.joined(separator: ", ")]),
            "  " + s.text("aefiReport.history", ["history": e.medicalHistory ?? none]), "",
            s["aefiReport.vaccine"],
            "  " + s.text("aefiReport.product", [
                "product": productCode.flatMap { catalog.product($0)?.name } ?? productCode ?? none,
                "lot": lotNumber ?? none, "expiry": lotExpiry.map(LocalDay.shown) ?? none,
            ]),
            "  " + s.text("aefiReport.dose", ["n": doseNumber.map(String.init) ?? none, "at": injectedAt.map(moment) ?? none]), "",
            s["aefiReport.event"],
            "  " + s.text("aefiReport.onset", ["at": moment(e.onset)]),
            "  " + s.text("aefiReport.signs", ["signs": e.signs]),
            "  " + s.text("aefiReport.severity", [
                "severity": s[e.severity == .serious ? "aefiReport.serious" : "aefiReport.common"],
                "grade": e.anaphylaxisGrade.map { s.text("alert.grade", ["grade": ["I", "II", "III", "IV"][max(0, min(3, $0 - 1))]]) } ?? "",
            ]),
            "  " + s.text("aefiReport.actions", ["actions": e.actions ?? none]),
            "  " + s.text("aefiReport.referral", ["referral": e.referral ?? none]),
            "  " + s.text("aefiReport.outcome", ["outcome": e.outcome.map { s["aefiReport.outcome.\($0.rawValue)"] } ?? s["aefiReport.outcomeUnknownYet"]]), "",
            s["aefiReport.reporter"],
            "  " + [reporterName, s["role.\(reporterRole.rawValue)"], siteName, e.reporterContact].compactMap { $0 }.joined(separator: " · "),
        ]
    }
}
