import Foundation
import TerminalKit
import VaxCore

/// What every screen may read: the strings, the rules, the clock, who is signed in, the open session.
public struct Context: Sendable {
    public var strings: Strings
    public var catalog: VaccineCatalog
    public var checklist: Checklist
    /// Province codes, for checking the identity numbers a walk-in form gives.
    public var provinces: ProvinceCodes
    public var timeZone: TimeZone
    public var now: Date
    public var user: Staff?
    public var session: VaccinationSession?
    public var lots: [VaccineLot]
    /// Serious adverse events the site lead has not yet acknowledged: every desk shows them.
    public var alerts: [AdverseEvent] = []
    /// The roster import this desk started, running or ended (a job of the desk, not of a screen).
    public var rosterImport: RosterImportJob?
    /// A centre is configured: a whole CCCD the roster lacks is asked of it at check-in.
    public var canAskCentre = false

    public init(
        strings: Strings, catalog: VaccineCatalog, checklist: Checklist, provinces: ProvinceCodes,
        timeZone: TimeZone, now: Date,
        user: Staff? = nil, session: VaccinationSession? = nil, lots: [VaccineLot] = []
    ) {
        self.strings = strings
        self.catalog = catalog
        self.checklist = checklist
        self.provinces = provinces
        self.timeZone = timeZone
        self.now = now
        self.user = user
        self.session = session
        self.lots = lots
    }

    /// Why the signed-in person may not do `act`, or nil when they may: the reason a disabled key gives.
    func refusal(_ act: Act) -> String? {
        guard let user else { return strings.message(for: .notPermitted(act, role: nil)) }
        guard user.role.may(act) else { return strings.message(for: .notPermitted(act, role: user.role)) }
        if act.needsTeam, isOffTeam { return strings.message(for: .notOnTeam) }
        return nil
    }

    /// Whether the signed-in person is not on the open session's team (the site lead always is).
    var isOffTeam: Bool {
        guard let user, user.role != .siteLead, let session, !session.team.isEmpty else { return false }
        return !session.team.contains(user.id)
    }

    /// `HH:mm` at the site.
    func time(_ date: Date, seconds: Bool = false) -> String {
        LocalDay.time(date, in: timeZone, seconds: seconds)
    }

    /// `HH:mm` today, `dd/mm HH:mm` on another day.
    func moment(_ date: Date) -> String {
        day(date) == today ? time(date) : LocalDay.shown(day(date)).prefix(5) + " " + time(date)
    }

    /// Today at the site, as a day.
    var todayAtSite: LocalDate { LocalDate(now, in: timeZone) }

    /// Today at the site, `yyyy-mm-dd`.
    var today: String { todayAtSite.stored }

    /// A date's local day at the site, `yyyy-mm-dd`.
    func day(_ date: Date) -> String { LocalDay.of(date, in: timeZone) }

    /// "5 phút" since `date`.
    func waited(since date: Date) -> String {
        strings.text("common.minutes", ["n": String(max(0, Int(now.timeIntervalSince(date) / 60)))])
    }

    func productName(_ code: String) -> String { catalog.product(code)?.name ?? code }

    /// "Pfizer, Moderna": products by the first word of their names ("Pfizer-BioNTech Comirnaty" is
    /// Pfizer), for a line that lists several.
    func productNames(_ codes: [String]) -> String { catalog.shortNames(codes) }

    func sexLabel(_ sex: Sex) -> String { strings["sex.\(sex.rawValue)"] }

    /// "Số 12 · Nguyễn Văn Đức · 07/03/1985 · Nam · •••1234": the line that identifies a person on
    /// every station, for a last look before acting.
    func identityLine(ticket: Int?, person: Person) -> String {
        var parts: [String] = []
        if let ticket { parts.append(strings.text("common.ticket", ["n": String(ticket)])) }
        parts.append(person.fullName)
        parts.append(person.birthDate.description)
        parts.append(sexLabel(person.sex))
        if person.identityNumber != nil { parts.append(person.maskedIdentityNumber) }
        return parts.joined(separator: " · ")
    }
}
