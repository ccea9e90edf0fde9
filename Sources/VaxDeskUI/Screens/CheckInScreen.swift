import Foundation
import TerminalKit
import VaxCore

/// The check-in desk: find the person as you type, take a last look, hand out a queue ticket.
struct CheckInScreen: StationScreen {
    enum Phase: Hashable {
        case searching
        /// A last look at the chosen person before the visit is created (the wrong-person guard).
        case confirming(RosterMatch, DoseEligibility?)
        case ticket(number: Int, person: Person)
    }

    var field = TextField()
    var results: [RosterMatch] = []
    var selection = ListSelection()
    var phase = Phase.searching
    /// The card a scanner just read: the person is looked up by its number, and what the card and the
    /// roster disagree on is shown before check-in.
    var card: CitizenCardQR?
    /// A line under the field: the scanned card found nobody.
    var message: String?
    var station: Station? { .checkIn }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .searching:
            let scanned = CitizenCardQR(scanned: field.text) != nil
            let noChoice: String? =
                scanned ? nil
                : results.isEmpty ? s["checkIn.nothingToChoose"]
                : (results[selection.selected].ticketToday != nil ? s["checkIn.alreadyHasTicket"] : nil)
            return KeyMap([
                KeyBinding([.enter], s["key.choose"], .confirm, disabledReason: noChoice),
                KeyBinding([.escape], s["key.clear"], .clear,
                           disabledReason: field.text.isEmpty ? s["checkIn.fieldEmpty"] : nil),
            ])
        case .confirming(_, let eligibility):
            let refusal: String? =
                eligibility == nil ? s["checkIn.loadingHistory"]
                : eligibility!.isDue(on: context.today) ? nil
                : s.text("checkIn.tooEarly", ["date": Self.shown(eligibility!.earliestDay)])
            return KeyMap([
                KeyBinding([.enter], s["key.giveTicket"], .confirm, disabledReason: refusal),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .ticket:
            return KeyMap([KeyBinding([.enter, .escape], s["key.next"], .dismiss)])
        }
    }

    mutating func perform(_ command: Command, _ context: Context) -> [AppEffect] {
        switch (phase, command) {
        case (.searching, .confirm):
            // A scanner types the card's QR and Enter: look the person up by the card's number.
            if let scanned = CitizenCardQR(scanned: field.text) {
                card = scanned
                field.setText(scanned.citizenID)
                results = []
                return [.search(scanned.citizenID)]
            }
            let match = results[selection.selected]
            phase = .confirming(match, nil)
            return [.loadDoseHistory(personID: match.person.id)]
        case (.searching, .clear):
            field = TextField()
            results = []
            card = nil
            message = nil
            return []
        case (.confirming(let match, let eligibility?), .confirm):
            guard let user = context.user, eligibility.isDue(on: context.today) else { return [] }
            return [.checkIn(person: match.person, dose: eligibility.plan, by: user.id)]
        case (.confirming, .back):
            phase = .searching
            card = nil
            return []
        case (.ticket, .dismiss):
            phase = .searching
            card = nil
            field = TextField()
            results = []
            selection = ListSelection()
            return []
        default:
            return []
        }
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [AppEffect] {
        guard phase == .searching else { return [] }
        if selection.handle(key, count: results.count, visibleRows: 16) { return [] }
        let before = field.text
        guard field.handle(key), field.text != before else { return [] }
        selection = ListSelection()
        message = nil
        card = nil
        if RosterQuery(field.text).isEmpty {
            results = []
            return []
        }
        return [.search(field.text)]
    }

    mutating func receive(_ action: AppAction, _ context: Context) -> [AppEffect] {
        switch action {
        case .searchResults(let query, let matches) where query == field.text:
            results = matches
            selection.clamp(count: results.count, visibleRows: 16)
            if let card, query == card.citizenID {
                let holders = matches.filter { $0.person.identityNumber == card.citizenID }
                guard holders.count == 1, let match = holders.first else {
                    message = context.strings.text("checkIn.cardNotFound", ["name": card.fullName, "id": card.citizenID])
                    return []
                }
                phase = .confirming(match, nil)
                return [.loadDoseHistory(personID: match.person.id)]
            }
        case .doseHistoryLoaded(let personID, let doses):
            if case .confirming(let match, _) = phase, match.person.id == personID {
                phase = .confirming(match, DoseEligibility(after: doses, catalog: context.catalog))
            }
        case .checkedIn(let ticket, let person):
            phase = .ticket(number: ticket, person: person)
        case .refused:
            if case .confirming = phase { phase = .searching }
            return refresh(context)
        default:
            break
        }
        return []
    }

    func refresh(_ context: Context) -> [AppEffect] {
        RosterQuery(field.text).isEmpty ? [] : [.search(field.text)]
    }

    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        let label = s["checkIn.searchLabel"]
        buffer.put(label, x: area.x + 1, y: area.y, style: .bold)
        let fieldRect = Rect(x: area.x + 2 + label.displayWidth, y: area.y,
                             width: area.width - label.displayWidth - 4, height: 1)
        let cursorX = field.draw(in: fieldRect, into: &buffer)
        if let message {
            buffer.put(message, x: area.x + 1, y: area.y + 1, style: .warning, clip: area)
        }
        drawResults(in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2),
                    into: &buffer, context)
        switch phase {
        case .searching:
            return (cursorX, area.y)
        case .confirming(let match, let plan):
            confirmDialog(match, plan, context).draw(in: area, into: &buffer)
        case .ticket(let number, let person):
            Dialog(
                title: s["checkIn.ticketTitle"],
                lines: [s.text("checkIn.ticketNumber", ["n": String(number)]), "", person.fullName,
                        s["checkIn.ticketNext"]],
                hint: s["checkIn.ticketHint"], tone: .success
            ).draw(in: area, into: &buffer)
        }
        return nil
    }

    private func confirmDialog(_ match: RosterMatch, _ eligibility: DoseEligibility?, _ context: Context) -> Dialog {
        let s = context.strings
        let person = match.person
        var lines = [
            s["checkIn.confirmQuestion"], "",
            s.text("checkIn.confirmName", ["name": person.fullName]),
            s.text("checkIn.confirmBirth", ["date": person.birthDate.description, "sex": context.sexLabel(person.sex)]),
            s.text("checkIn.confirmID", ["id": person.identityNumber.map { String($0.suffix(4)) } ?? s["common.none"]]),
        ]
        if let card {
            let differences = card.differences(from: person)
            if !differences.isEmpty {
                lines += ["", s["checkIn.cardDiffers"]] + differences.map { Self.describe($0, context) }
            }
        }
        guard let eligibility else {
            lines.append(s["checkIn.loadingHistory"])
            return Dialog(title: s["checkIn.confirmTitle"], lines: lines, hint: s["checkIn.confirmHint"])
        }
        let plan = eligibility.plan
        lines.append(s.text("checkIn.confirmDose", ["n": String(plan.doseNumber), "series": s["series.\(plan.series.rawValue)"]]))
        // A first dose may be of any product; later ones name the products the series allows.
        if eligibility.lastProduct != nil {
            let products = eligibility.allowedProducts.compactMap { context.catalog.product($0)?.name.split(separator: " ").first }
            lines.append(s.text("checkIn.confirmProducts", ["products": products.joined(separator: ", ")]))
        }
        guard eligibility.isDue(on: context.today) else {
            lines += ["", s.text("checkIn.tooEarlyDetail", [
                "date": Self.shown(eligibility.earliestDay), "days": String(eligibility.minimumDays ?? 0),
            ])]
            return Dialog(title: s["checkIn.confirmTitle"], lines: lines, hint: s["checkIn.tooEarlyHint"], tone: .danger)
        }
        return Dialog(title: s["checkIn.confirmTitle"], lines: lines, hint: s["checkIn.confirmHint"])
    }

    /// A stored day (`yyyy-mm-dd`) as forms write it.
    static func shown(_ day: String?) -> String {
        day.flatMap { BirthDate(stored: $0)?.description } ?? ""
    }

    /// One disagreement between the card and the roster, as the nurse reads it.
    static func describe(_ difference: CitizenCardQR.Difference, _ context: Context) -> String {
        let s = context.strings
        switch difference {
        case .name(let card, let roster):
            return s.text("checkIn.diffName", ["card": card, "roster": roster])
        case .birthDate(let card, let roster):
            return s.text("checkIn.diffBirth", ["card": card.description, "roster": roster.description])
        case .sex(let card, let roster):
            return s.text("checkIn.diffSex", ["card": context.sexLabel(card), "roster": context.sexLabel(roster)])
        case .identityNumber(let card, let roster):
            return s.text("checkIn.diffID", ["card": card, "roster": roster])
        }
    }

    private func drawResults(in area: Rect, into buffer: inout Buffer, _ context: Context) {
        let s = context.strings
        let nameWidth = max(20, area.width - 54)
        let header = "  " + s["checkIn.colName"].padded(toWidth: nameWidth) + " " + s["checkIn.colBirth"].padded(toWidth: 10)
            + " " + s["checkIn.colSex"].padded(toWidth: 3) + " " + s["checkIn.colID"].padded(toWidth: 7) + " "
            + s["checkIn.colCommune"].padded(toWidth: 18) + " " + s["checkIn.colDoses"]
        buffer.put(header, x: area.x, y: area.y, style: .muted)
        let rows = results.map { match -> String in
            let p = match.person
            let status = match.ticketToday.map { s.text("common.ticket", ["n": String($0)]) }
                ?? s.text("checkIn.doses", ["n": String(match.dosesOnRecord)])
            return p.fullName.padded(toWidth: nameWidth) + " " + p.birthDate.description.padded(toWidth: 10) + " "
                + context.sexLabel(p.sex).padded(toWidth: 3) + " " + p.maskedIdentityNumber.padded(toWidth: 7) + " "
                + (p.commune ?? "").padded(toWidth: 18) + " " + status
        }
        let styles = results.map { $0.ticketToday != nil ? Style.muted : Style.plain }
        let empty = field.text.isEmpty ? s["checkIn.hint"] : s["checkIn.noMatch"]
        ListView.draw(rows, selection: selection, in: Rect(x: area.x, y: area.y + 1, width: area.width,
                      height: area.height - 1), into: &buffer, styles: styles, empty: empty)
    }
}
