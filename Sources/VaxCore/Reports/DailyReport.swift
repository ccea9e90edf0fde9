import Foundation

/// The daily report of a vaccination unit, Annex 5 of Decision 3588/QĐ-BYT: one row per unit and day,
/// the same columns whether the unit is a site (from its own store) or a commune, district or province
/// (the centre's sum of its sites).
public struct DailyReport: Codable, Hashable, Sendable {
    public var day: String
    /// The site, or the area, the row is of.
    public var unit: String
    /// People who came that day: checked in at a site; screened, at the centre (which hears of no one
    /// who left before screening).
    public var people = 0
    /// Referred to a hospital able to treat anaphylaxis.
    public var referred = 0
    /// Screened fit for the dose, and declined it.
    public var refused = 0
    public var deferred = 0
    public var contraindicated = 0
    public var dose1 = 0
    public var dose2 = 0
    /// Third and later doses: the additional dose of the primary series and boosters.
    public var laterDoses = 0
    /// The doses of the vials opened.
    public var dosesUsed = 0
    /// The doses of opened vials thrown away unused.
    public var dosesDiscarded = 0
    public var aefiCommon = 0
    public var aefiSerious = 0
    /// For the form's "notes" column, what the numbers alone do not say: people who went home before
    /// a dose (at a site), and people registered for the day who did not come.
    public var leftWithoutDose = 0
    public var registeredAbsent = 0

    public init(day: String, unit: String) {
        self.day = day
        self.unit = unit
    }

    public var vaccinated: Int { dose1 + dose2 + laterDoses }

    /// Counts one dose by its number in the series.
    public mutating func addDoses(number: Int, _ count: Int) {
        switch number {
        case 1: dose1 += count
        case 2: dose2 += count
        default: laterDoses += count
        }
    }

    /// The sum of two units' rows (a district from its communes); the unit and day are this row's.
    public mutating func add(_ other: DailyReport) {
        people += other.people
        referred += other.referred
        refused += other.refused
        deferred += other.deferred
        contraindicated += other.contraindicated
        dose1 += other.dose1
        dose2 += other.dose2
        laterDoses += other.laterDoses
        dosesUsed += other.dosesUsed
        dosesDiscarded += other.dosesDiscarded
        aefiCommon += other.aefiCommon
        aefiSerious += other.aefiSerious
        leftWithoutDose += other.leftWithoutDose
        registeredAbsent += other.registeredAbsent
    }
}

extension DailyReport {
    /// The report of one site's day from its sessions of that day.
    public init(day: String, unit: String, sessions: [SessionReport]) {
        self.init(day: day, unit: unit)
        for session in sessions {
            people += session.checkedIn
            referred += session.referred
            refused += session.refused
            deferred += session.deferred
            contraindicated += session.contraindicated
            for (number, count) in session.byDoseNumber { addDoses(number: Int(number) ?? 0, count) }
            dosesUsed += session.lots.map(\.dosesInOpenedVials).reduce(0, +)
            dosesDiscarded += session.lots.map(\.dosesWasted).reduce(0, +)
            aefiCommon += session.aefiCommon
            aefiSerious += session.aefiSerious
            leftWithoutDose += session.leftWithoutDose.values.reduce(0, +)
            registeredAbsent += session.noShows.count
        }
    }

    /// The notes column in `strings`' language (empty when there is nothing to say).
    public func notes(_ strings: Strings) -> String {
        [leftWithoutDose > 0 ? strings.text("annex5.leftWithoutDose", ["n": String(leftWithoutDose)]) : nil,
         registeredAbsent > 0 ? strings.text("annex5.registeredAbsent", ["n": String(registeredAbsent)]) : nil]
            .compactMap { $0 }.joined(separator: "; ")
    }

    /// The form's columns, in its order, with the key each one's heading is read from (`annex5.KEY`).
    public static let columns: [(key: String, value: @Sendable (DailyReport) -> Int)] = [
        ("people", \.people), ("referred", \.referred), ("refused", \.refused), ("deferred", \.deferred),
        ("contraindicated", \.contraindicated), ("dose1", \.dose1), ("dose2", \.dose2), ("laterDoses", \.laterDoses),
        ("dosesUsed", \.dosesUsed), ("dosesDiscarded", \.dosesDiscarded), ("aefiCommon", \.aefiCommon),
        ("aefiSerious", \.aefiSerious),
    ]

    /// The rows as CSV, headed in `strings`' language: the day, the unit, each column, the notes.
    public static func csv(_ reports: [DailyReport], _ strings: Strings) -> String {
        let header = [strings["annex5.day"], strings["annex5.unit"]] + columns.map { strings["annex5.\($0.key)"] }
            + [strings["annex5.notes"]]
        let rows = reports.map { report in
            [report.day, report.unit] + columns.map { String($0.value(report)) } + [report.notes(strings)]
        }
        return CSVText.lines([header] + rows)
    }

    /// The report as a person reads it: the title, then each column on its line.
    public func lines(_ strings: Strings) -> [String] {
        [strings.text("annex5.title", ["day": LocalDay.shown(day), "unit": unit])]
            + Self.columns.map { "  \(strings["annex5.\($0.key)"]): \($0.value(self))" }
            + [notes(strings)].filter { !$0.isEmpty }.map { "  \(strings["annex5.notes"]): \($0)" }
    }
}
