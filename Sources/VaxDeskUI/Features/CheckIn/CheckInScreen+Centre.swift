import Foundation
import TerminalKit
import VaxCore

/// A whole CCCD or CMND the roster lacks is asked of the centre: a person vaccinated at another site
/// (dose 1 at a school, dose 2 here) is taken onto the roster with their doses in one key, instead of
/// being registered again as a first-timer. Offline, the desk says it could not ask, and the walk-in
/// form and the paper-dose path remain.
extension CheckInScreen {
    enum CentreAsk: Hashable {
        case asking(String)
        case answered(CentreLookup)
        case couldNotAsk(String, CentreLookupFailure)
    }

    /// The people the centre answered, when it has.
    var centrePeople: [CentreLookup.Found] {
        if case .answered(let lookup) = centre { return lookup.people }
        return []
    }

    /// What the list's keys move over: the roster's matches, else the centre's answer.
    var choiceCount: Int { results.isEmpty ? centrePeople.count : results.count }

    /// Asks the centre when nobody on the roster holds the whole CCCD searched for. A CMND's 9 digits
    /// are also the start of a CCCD being typed: it is asked only with Enter (`askCentreNow`), never
    /// on the way to 12 digits, which would look up somebody else.
    mutating func askCentre(afterNoMatchFor query: String, _ context: Context) -> [CheckInEffect]? {
        guard let identifier = CentreLookup.identifier(in: query), identifier.count == 12 else { return nil }
        return askCentreNow(identifier, context)
    }

    /// The whole CMND typed, nobody on the roster: Enter asks the centre.
    func mayAskCentre(_ context: Context) -> String? {
        guard context.canAskCentre, results.isEmpty, centre == nil, phase == .searching else { return nil }
        return CentreLookup.identifier(in: field.text)
    }

    mutating func askCentreNow(_ identifier: String, _ context: Context) -> [CheckInEffect]? {
        guard context.canAskCentre, phase == .searching else { return nil }
        if case .answered(let lookup) = centre, lookup.identifier == identifier { return [] }
        centre = .asking(identifier)
        selection = ListSelection()
        return [.askCentre(identifier)]
    }

    /// The centre's answer, unless the nurse has since typed something else.
    mutating func receiveCentre(_ identifier: String, _ answer: CentreLookupAnswer) {
        guard centre == .asking(identifier) else { return }
        switch answer {
        case .answered(let lookup): centre = .answered(lookup)
        case .couldNotAsk(let failure): centre = .couldNotAsk(identifier, failure)
        }
        selection = ListSelection()
    }

    /// F7 at the last look: a person on the roster whose doses elsewhere may be missing here (a dose 2
    /// at another district, not in this site's pull) is asked of the centre by their number.
    func centreKey(for phase: Phase, _ context: Context) -> KeyBinding<Command>? {
        guard context.canAskCentre, case .confirming(let match, _) = phase else { return nil }
        let s = context.strings
        let busy: String? = if case .asking = centre { s["checkIn.centreBusy"] } else { nil }
        return KeyBinding([.function(7)], s["key.askCentre"], .askCentre,
                          disabledReason: match.person.identityNumber == nil ? s["checkIn.centreNoNumber"]
                              : busy ?? context.refusal(.recordPaperDose))
    }

    mutating func askCentre(about person: Person) -> [CheckInEffect] {
        guard let number = person.identityNumber else { return [] }
        centre = .asking(number)
        return [.askCentre(number)]
    }

    /// The centre's answer about the person in the last look: the doses it has are filed (read-only,
    /// the giving site's) and the last look read again; or why nothing came.
    mutating func centreAnsweredAtLastLook(_ identifier: String, _ answer: CentreLookupAnswer, _ context: Context)
        -> Reaction<CheckInEffect>
    {
        guard centre == .asking(identifier), case .confirming(let match, _) = phase, match.person.identityNumber == identifier,
              let user = context.user
        else { return [] }
        centre = nil
        let s = context.strings
        switch answer {
        case .couldNotAsk(let failure):
            return .notice(s.text("checkIn.centreUnreachableAtLook", ["reason": Self.describe(failure, context)]), .warning)
        case .answered(let lookup):
            let same = lookup.people.filter {
                NameFolding.fold($0.person.fullName) == NameFolding.fold(match.person.fullName)
                    && $0.person.birthDate.year == match.person.birthDate.year
            }
            guard !same.isEmpty else { return .notice(s["checkIn.centreNothingMore"], .normal) }
            return Reaction(same.map { .acceptFromCentre($0, by: user.id) })
        }
    }

    static func describe(_ failure: CentreLookupFailure, _ context: Context) -> String {
        let s = context.strings
        return switch failure {
        case .noAnswer: s["checkIn.centreNoAnswer"]
        case .refused(let status): s.text("checkIn.centreRefused", ["status": String(status)])
        case .unreadable: s["checkIn.centreUnreadable"]
        }
    }

    /// Where the list is, when the roster had nobody: what the centre said, or that it could not be asked.
    func drawCentre(_ ask: CentreAsk, in area: Rect, into buffer: inout Buffer, _ context: Context) {
        let s = context.strings
        let width = area.width - 2
        func put(_ text: String, _ row: Int, _ style: Style = .plain) {
            for (index, line) in text.wrapped(toWidth: width, indent: 1).prefix(2).enumerated() {
                buffer.put(line, x: area.x + 1, y: area.y + row + index, style: style, clip: area)
            }
        }
        switch ask {
        case .asking(let identifier):
            put(s.text("checkIn.centreAsking", ["id": identifier]), 0, .muted)
        case .couldNotAsk(_, let failure):
            put(s.text("checkIn.centreUnreachable", ["reason": Self.describe(failure, context)]), 0, .warning)
            put(s["checkIn.centreUnreachableHint"], 2)
        case .answered(let lookup) where lookup.people.isEmpty:
            put(s.text("checkIn.centreNobody", ["id": lookup.identifier]), 0)
        case .answered(let lookup):
            put(s.count("checkIn.centreFound", lookup.people.count, ["id": lookup.identifier]), 0, .bold)
            let rows = lookup.people.map { found in
                let person = found.person
                return person.fullName + " · " + person.birthDate.description + " · " + context.sexLabel(person.sex) + " · "
                    + s.count("checkIn.doses", found.doses.count)
            }
            let listRows = min(rows.count, 5)
            ListView.draw(rows, selection: selection, in: Rect(x: area.x, y: area.y + 1, width: area.width, height: listRows),
                          into: &buffer)
            let chosen = lookup.people[min(selection.selected, lookup.people.count - 1)]
            var lines = chosen.doses.isEmpty ? [s["checkIn.centreNoDoses"]] : [s["checkIn.centreDoses"]]
            lines += chosen.doses.suffix(4).map { pulled in
                "  " + s.text("checkIn.earlierDose", [
                    "n": String(pulled.dose.doseNumber), "product": context.productNames([pulled.dose.productCode]),
                    "date": LocalDay.shown(pulled.dose.givenOn),
                ]) + (pulled.dose.place.map { " · " + $0 } ?? "")
            }
            lines.append(s["checkIn.centreTakeHint"])
            for (index, line) in lines.enumerated() {
                buffer.put(line, x: area.x + 2, y: area.y + 2 + listRows + index, clip: area)
            }
        }
    }
}
