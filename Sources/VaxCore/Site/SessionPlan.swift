import Foundation

/// A session as the site lead plans it before opening: place, day, team (staff codes), the lots
/// received and the people expected. Read from a form or from the command line, by the same rules.
public struct SessionPlan: Hashable, Sendable {
    public var place: String
    /// `yyyy-mm-dd`.
    public var day: String
    public var teamCodes: [String]
    public var lots: [VaccineLot]
    public var planned: Int?

    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case place, day, team, lots, planned

        public var isRequired: Bool { self == .place || self == .day || self == .lots }
    }

    /// Reads a lot as `PRODUCT:LOT:EXPIRY:DOSES` (product by name or alias, expiry dd/mm/yyyy or yyyy-mm-dd).
    public static func lot(_ text: String, catalog: VaccineCatalog) -> VaccineLot? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmed }
        guard parts.count == 4, let product = catalog.product(named: parts[0]), !parts[1].isEmpty,
              let read = RosterDate.parse(parts[2]), read.month != nil, let expiry = LocalDate(stored: read.stored),
              let doses = Int(parts[3]), doses > 0
        else { return nil }
        return VaccineLot(sessionID: UUID(), productCode: product.code, lotNumber: parts[1], expiry: expiry,
                          dosesReceived: doses)
    }

    /// Reads the form: lots separated by `;`, team codes by commas or spaces. Returns the plan or, per field, the key
    /// of what is wrong.
    public static func read(_ values: [Field: String], catalog: VaccineCatalog, today: String)
        -> Result<SessionPlan, Invalid>
    {
        var problems: [Field: String] = [:]
        let place = (values[.place] ?? "").trimmed
        if place.isEmpty { problems[.place] = "plan.placeRequired" }
        var day = today
        let dayText = (values[.day] ?? "").trimmed
        if !dayText.isEmpty {
            if let parsed = RosterDate.parse(dayText), parsed.month != nil { day = parsed.stored } else { problems[.day] = "plan.badDay" }
        }
        let lotTexts = (values[.lots] ?? "").split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty }
        let lots = lotTexts.map { lot($0, catalog: catalog) }
        if lots.isEmpty { problems[.lots] = "plan.lotsRequired" } else if lots.contains(where: { $0 == nil }) {
            problems[.lots] = "plan.badLot"
        }
        let plannedText = (values[.planned] ?? "").trimmed
        let planned = Int(plannedText)
        if !plannedText.isEmpty && (planned == nil || planned! < 0) { problems[.planned] = "plan.badPlanned" }
        guard problems.isEmpty else { return .failure(Invalid(problems: problems)) }
        // "DD01, TI01", "DD01 TI01" or "dd01,ti01": codes are separated by commas, spaces, or both.
        let team = (values[.team] ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace })
            .map { String($0).uppercased() }
        return .success(SessionPlan(place: place, day: day, teamCodes: team, lots: lots.compactMap { $0 }, planned: planned))
    }

    public struct Invalid: Error, Hashable, Sendable {
        public let problems: [Field: String]
    }
}

extension SessionPlan.Field {
    /// The field of the plan a refusal of the store points at (a team code that is nobody, a lot out
    /// of date), if any.
    public init?(fixing error: VisitError) {
        switch error {
        case .unknownStaffCode: self = .team
        case .lotExpired, .vialLotExpired, .productNotAllowed: self = .lots
        default: return nil
        }
    }
}
