import Foundation
import TerminalKit
import VaxCore

extension CheckInScreen {
    func render(in area: Rect, into buffer: inout Buffer, _ context: Context) -> (x: Int, y: Int)? {
        let s = context.strings
        switch phase {
        case .registering(let form):
            return drawWalkIn(form, in: area, into: &buffer, context)
        case .lookAlikes(let form, let person, let matches, let chosen):
            _ = drawWalkIn(form, in: area, into: &buffer, context)
            drawLookAlikes(person, matches, chosen, in: area, into: &buffer, context)
            return nil
        case .addingDose(let match, let form):
            return drawPaperDose(match, form, in: area, into: &buffer, context)
        case .correcting(let match, let form):
            return drawCorrection(match, form, in: area, into: &buffer, context)
        default:
            break
        }
        let label = s["checkIn.searchLabel"]
        buffer.put(label, x: area.x + 1, y: area.y, style: .bold)
        let fieldRect = Rect(x: area.x + 2 + label.displayWidth, y: area.y,
                             width: area.width - label.displayWidth - 4, height: 1)
        let cursorX = field.draw(in: fieldRect, into: &buffer)
        // A message goes on to a second row when it is longer (a certificate's verdict and its reason).
        let messageLines = message.map { Array($0.wrapped(toWidth: area.width - 2, indent: 1).prefix(2)) } ?? []
        for (index, line) in messageLines.enumerated() {
            buffer.put(line, x: area.x + 1, y: area.y + 1 + index, style: .warning, clip: area)
        }
        let top = 1 + max(1, messageLines.count)
        drawResults(in: Rect(x: area.x, y: area.y + top, width: area.width, height: area.height - top),
                    into: &buffer, context)
        switch phase {
        case .confirming(let match, let eligibility):
            confirmDialog(match, eligibility, context).draw(in: area, into: &buffer)
        case .overriding(let match, let eligibility, let reason):
            let refusal = self.refusal(eligibility, context).map { Self.describe($0, context) } ?? ""
            let inner = Dialog(
                title: s["checkIn.overrideTitle"],
                lines: [context.identityLine(ticket: nil, person: match.person), "", refusal, "", s["checkIn.overridePrompt"]],
                hint: s["checkIn.overrideHint"], tone: .warning
            ).draw(in: area, into: &buffer, extraRows: 1)
            return (reason.draw(in: inner.row(0), into: &buffer), inner.y)
        case .ticket(let number, let person):
            Dialog(
                title: s["checkIn.ticketTitle"],
                lines: [s.text("checkIn.ticketNumber", ["n": String(number)]), "", person.fullName,
                        s["checkIn.ticketNext"]],
                hint: s["checkIn.ticketHint"], tone: .success
            ).draw(in: area, into: &buffer)
        default:
            return (cursorX, area.y)
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
        if let slot = match.slotToday { lines.append(s.text("checkIn.registeredFor", ["slot": slot])) }
        if let latest = corrections.first {
            lines.append(s.count("checkIn.corrected", corrections.count, [
                "change": s.text(for: latest.change), "code": latest.staffCode,
                "date": LocalDay.shown(LocalDay.of(latest.at, in: context.timeZone)),
            ]))
        }
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
        lines += [""] + Self.earlierDoses(eligibility.priors, context)
        let fromCertificate = certificateDosesMissing(for: person, eligibility)
        if !fromCertificate.isEmpty {
            lines.append(s.text("checkIn.certificateDoses", ["signer": reading?.signer ?? ""]))
            lines += fromCertificate.map { dose in
                "  " + s.text("checkIn.earlierDose", [
                    "n": String(dose.number), "product": dose.productCode.map { context.productNames([$0]) } ?? dose.product,
                    "date": LocalDay.shown(dose.day),
                ]) + " · " + dose.country
            }
            lines.append(s["checkIn.certificateAddHint"])
        }
        let plan = eligibility.plan
        lines.append(s.text("checkIn.confirmDose", ["n": String(plan.doseNumber), "series": s["series.\(plan.series.rawValue)"]]))
        // A first dose may be of any product; later ones name the products the series allows.
        if eligibility.lastProduct != nil {
            lines.append(s.text("checkIn.confirmProducts", ["products": context.productNames(eligibility.allowedProducts)]))
        }
        guard let refusal = refusal(eligibility, context) else {
            return Dialog(title: s["checkIn.confirmTitle"], lines: lines, hint: s["checkIn.confirmHint"])
        }
        lines += ["", "✗ " + Self.describe(refusal, context)]
        return Dialog(title: s["checkIn.confirmTitle"], lines: lines, hint: s["checkIn.refusedHint"], tone: .danger)
    }

    /// The doses on record, newest last, so that the nurse can ask "dose 1 was AstraZeneca on 10/08,
    /// at the ward?": at most three lines, with how many earlier ones are not shown.
    static func earlierDoses(_ priors: [PriorDose], _ context: Context) -> [String] {
        let s = context.strings
        guard !priors.isEmpty else { return [s["checkIn.noEarlierDoses"]] }
        let shown = priors.suffix(3)
        var lines = [s["checkIn.earlierDoses"]]
        if priors.count > shown.count { lines.append("  " + s.text("checkIn.moreEarlierDoses", ["n": String(priors.count - shown.count)])) }
        lines += shown.map { dose in
            "  " + s.text("checkIn.earlierDose", [
                "n": String(dose.doseNumber), "product": context.productNames([dose.productCode]), "date": LocalDay.shown(dose.givenOn),
            ]) + (dose.place.map { " · " + $0 } ?? "")
        }
        return lines
    }

    /// What a scanned certificate says at a glance: valid (whose, how many doses, signed by whom) or why not.
    static func describe(_ reading: CertificateReading, _ context: Context) -> String {
        let s = context.strings
        let born = reading.birthDate.map { BirthDate(stored: $0)?.description ?? $0 }
        let who = [reading.fullName, born].compactMap { $0 }.joined(separator: ", ")
        guard let failure = reading.failure else {
            return s.count("checkIn.certificateValid", reading.doses.count, ["who": who, "n": String(reading.doses.count)])
        }
        let why: String
        switch failure {
        case .signerExpired(let date), .expired(let date):
            why = s.text("certificateReading.\(failure.name)", ["date": LocalDay.shown(LocalDay.of(date, in: context.timeZone))])
        case .revoked(let identifier): why = s.text("certificateReading.revoked", ["id": identifier])
        case .malformed(let what): why = s.text("certificateReading.malformed", ["what": what])
        case .noTrustList, .unknownSigner, .badSignature, .signerNotCertified: why = s["certificateReading.\(failure.name)"]
        }
        return s.text("checkIn.certificateInvalid", ["who": who.isEmpty ? "?" : who, "why": why])
    }

    /// Why the dose cannot be given today, as the nurse tells the person.
    static func describe(_ refusal: DoseRefusal, _ context: Context) -> String {
        switch refusal {
        case .tooEarly(let day, let days):
            return context.strings.text("checkIn.tooEarly", ["date": LocalDay.shown(day), "days": String(days)])
        case .noAllowedProduct(let allowed):
            return context.strings.text("checkIn.noAllowedProduct", ["products": context.productNames(allowed)])
        }
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

    private func drawWalkIn(
        _ form: FormEditor<PersonForm.Field>, in area: Rect, into buffer: inout Buffer, _ context: Context
    ) -> (x: Int, y: Int) {
        let s = context.strings
        buffer.put(s["walkIn.title"], x: area.x + 1, y: area.y, style: .title)
        if card != nil {
            buffer.put(s["walkIn.fromCard"], x: area.x + 1, y: area.y + 1, style: .muted, clip: area)
        }
        return form.draw(
            in: Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2, height: area.height - 2), into: &buffer,
            strings: s, label: { s["walkIn.\($0)"] }, required: \.isRequired,
            hint: { s.optional("walkIn.\($0).hint") })
    }

    private func drawLookAlikes(
        _ person: Person, _ matches: [RosterMatch], _ chosen: ListSelection, in area: Rect, into buffer: inout Buffer,
        _ context: Context
    ) {
        let s = context.strings
        let rows = min(matches.count, 8)
        let inner = Dialog(
            title: s["walkIn.lookAlikesTitle"],
            lines: [s.count("walkIn.lookAlikesQuestion", matches.count, ["name": person.fullName]), ""],
            hint: s["walkIn.lookAlikesHint"], tone: .warning
        ).draw(in: area, into: &buffer, extraRows: rows + 1)
        let lines = matches.map { match in
            context.identityLine(ticket: match.ticketToday, person: match.person) + " · "
                + (match.person.commune ?? match.person.address ?? "") + " · "
                + s.count("checkIn.doses", match.dosesOnRecord)
        }
        ListView.draw(lines, selection: chosen, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: rows),
                      into: &buffer)
    }

    private func drawPaperDose(
        _ match: RosterMatch, _ form: FormEditor<PaperDoseForm.Field>, in area: Rect, into buffer: inout Buffer,
        _ context: Context
    ) -> (x: Int, y: Int) {
        let s = context.strings
        buffer.put(s["paperDose.title"], x: area.x + 1, y: area.y, style: .title)
        buffer.put(context.identityLine(ticket: nil, person: match.person), x: area.x + 1, y: area.y + 1, clip: area)
        return form.draw(
            in: Rect(x: area.x + 1, y: area.y + 3, width: area.width - 2, height: area.height - 3), into: &buffer,
            strings: s, label: { s["paperDose.\($0)"] }, required: \.isRequired,
            hint: { s.optional("paperDose.\($0).hint") })
    }

    /// The person's record as a form, to correct from their card or papers: every field, and why.
    private func drawCorrection(
        _ match: RosterMatch, _ form: FormEditor<CorrectionField>, in area: Rect, into buffer: inout Buffer,
        _ context: Context
    ) -> (x: Int, y: Int) {
        let s = context.strings
        buffer.put(s.text("correction.title", ["name": match.person.fullName]), x: area.x + 1, y: area.y, style: .title, clip: area)
        // Nine fields fill 80×24: the form starts under the title, and what it keeps is in the reason's hint.
        return form.draw(
            in: Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 1), into: &buffer,
            strings: s,
            label: { field in
                switch field {
                case .person(let field): s["walkIn.\(field)"]
                case .reason: s["correction.reason"]
                }
            },
            required: { field in
                switch field {
                case .person(let field): field.isRequired
                case .reason: true
                }
            },
            hint: { field in
                switch field {
                case .person(let field): s.optional("walkIn.\(field).hint")
                case .reason: s["correction.reason.hint"]
                }
            })
    }

    func drawResults(in area: Rect, into buffer: inout Buffer, _ context: Context) {
        let s = context.strings
        if results.isEmpty, let centre {
            drawCentre(centre, in: area, into: &buffer, context)
            return
        }
        // A registered person's slot goes beside their doses: the name gives it room when it can.
        let slotWidth = results.contains { $0.slotToday != nil } ? 14 : 0
        let nameWidth = max(20, area.width - 54 - slotWidth)
        let header = "  " + s["checkIn.colName"].padded(toWidth: nameWidth) + " " + s["checkIn.colBirth"].padded(toWidth: 10)
            + " " + s["checkIn.colSex"].padded(toWidth: 3) + " " + s["checkIn.colID"].padded(toWidth: 7) + " "
            + s["checkIn.colCommune"].padded(toWidth: 18) + " " + s["checkIn.colDoses"]
        buffer.put(header, x: area.x, y: area.y, style: .muted)
        let rows = results.map { match -> String in
            let p = match.person
            let status = match.ticketToday.map { s.text("common.ticket", ["n": String($0)]) }
                ?? s.count("checkIn.doses", match.dosesOnRecord) + (match.slotToday.map { " · " + $0 } ?? "")
            return p.fullName.padded(toWidth: nameWidth) + " " + p.birthDate.description.padded(toWidth: 10) + " "
                + context.sexLabel(p.sex).padded(toWidth: 3) + " " + p.maskedIdentityNumber.padded(toWidth: 7) + " "
                + (p.commune ?? "").padded(toWidth: 18) + " " + status
        }
        let styles = results.map { $0.ticketToday != nil ? Style.muted : Style.plain }
        let advice = searchAdvice(context)
        let empty = field.text.isEmpty ? s["checkIn.hint"]
            : advice ?? s[searchFailed ? "checkIn.searchFailed" : "checkIn.noMatch"]
        let listHeight = area.height - 1 - (advice != nil && !results.isEmpty ? 1 : 0)
        ListView.draw(rows, selection: selection, in: Rect(x: area.x, y: area.y + 1, width: area.width,
                      height: listHeight), into: &buffer, styles: styles, empty: empty)
        if let advice, !results.isEmpty {
            buffer.put(advice, x: area.x + 2, y: area.y + 1 + listHeight, style: .warning, clip: area)
        }
    }
}
