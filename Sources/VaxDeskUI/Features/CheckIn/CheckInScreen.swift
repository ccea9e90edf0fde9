import Foundation
import TerminalKit
import VaxCore

/// The check-in desk: find the person as you type (or register a walk-in), take a last look, hand
/// out a queue ticket.
struct CheckInScreen: StationScreen {
    enum Phase: Hashable {
        case searching
        /// A walk-in: the person is not on the roster.
        case registering(FormEditor<PersonForm.Field>)
        /// The roster has people who may be this walk-in: choose one, or keep the new record.
        case lookAlikes(FormEditor<PersonForm.Field>, Person, [RosterMatch], ListSelection)
        /// A last look at the chosen person before the visit is created (the wrong-person guard).
        case confirming(RosterMatch, DoseEligibility?)
        /// The site lead gives a dose the rules refuse, with a reason.
        case overriding(RosterMatch, DoseEligibility, TextField)
        /// A dose from the person's paper record, entered before check-in.
        case addingDose(RosterMatch, FormEditor<PaperDoseForm.Field>)
        /// The person's record corrected from their card or papers, with a reason.
        case correcting(RosterMatch, FormEditor<CorrectionField>)
        case ticket(number: Int, person: Person)

        /// The person being checked in, once chosen.
        var person: Person? {
            switch self {
            case .confirming(let match, _), .overriding(let match, _, _), .addingDose(let match, _), .correcting(let match, _):
                match.person
            case .ticket(_, let person): person
            case .searching, .registering, .lookAlikes: nil
            }
        }
    }

    var field = TextField()
    var results: [RosterMatch] = []
    /// How many the query matches in all, once counted (the list shows the first `deskLimit`).
    var matchTotal: Int?
    /// A walk-in's name typed without any diacritic that the nurse, told once, kept as it is: the
    /// certificate prints the name as recorded, and "Nguyen Van Hung" is not how he writes it.
    var plainNameKept: String?
    var selection = ListSelection()
    var phase = Phase.searching
    /// The card a scanner just read: the person is looked up by its number, and what the card and the
    /// roster disagree on is shown before check-in.
    var card: CitizenCardQR?
    /// A signed certificate the person brought, as read: its doses are offered at the last look of the
    /// person it is about (F4), when it holds.
    var reading: CertificateReading?
    /// The corrections of the record of the person in the last look, newest first.
    var corrections: [PersonCorrectionEntry] = []
    /// A line under the field: the scanned card found nobody.
    var message: String?
    /// The last search failed to read: its empty list does not mean nobody is on the roster.
    var searchFailed = false
    /// The centre asked about the whole number the roster lacks, and what it said.
    var centre: CentreAsk?
    var station: Station? { .checkIn }

    /// A walk-in's form, a paper dose or an override reason being typed: Esc asks before it goes.
    var hasUnsavedInput: Bool {
        switch phase {
        case .registering(let form): form.isEdited
        case .addingDose(_, let form): form.isEdited
        case .correcting(_, let form): form.isEdited
        case .overriding(_, _, let reason): !reason.text.isEmpty
        // Esc from the look-alikes goes back to the form, as typed.
        case .searching, .lookAlikes, .confirming, .ticket: false
        }
    }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .searching:
            let scanned = CitizenCardQR(scanned: field.text) != nil || Self.isCertificate(field.text)
            let fromCentre = results.isEmpty && !centrePeople.isEmpty && !scanned
            let ask = !scanned && mayAskCentre(context) != nil
            let noChoice: String? =
                scanned || ask ? nil
                : fromCentre ? context.refusal(.registerWalkIn)
                : results.isEmpty ? s["checkIn.nothingToChoose"]
                : (results[selection.selected].ticketToday != nil ? s["checkIn.alreadyHasTicket"] : nil)
            let enter = ask ? "key.askCentre" : fromCentre ? "key.takeFromCentre" : "key.choose"
            return KeyMap([
                KeyBinding([.enter], s[enter], .confirm, disabledReason: noChoice),
                KeyBinding([.function(3)], s["key.newPerson"], .newPerson, disabledReason: context.refusal(.registerWalkIn)),
                KeyBinding([.escape], s["key.clear"], .clear,
                           disabledReason: field.text.isEmpty ? s["checkIn.fieldEmpty"] : nil),
            ])
        case .registering, .addingDose, .correcting:
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .lookAlikes(_, _, let matches, let chosen):
            return KeyMap([
                KeyBinding([.enter], s["key.choose"], .confirm,
                           disabledReason: matches[chosen.selected].ticketToday != nil ? s["checkIn.alreadyHasTicket"] : nil),
                KeyBinding([.function(5)], s["key.saveAnyway"], .saveAnyway),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .confirming(_, let eligibility):
            let refused = eligibility.flatMap { self.refusal($0, context) }
            let blocked: String? =
                eligibility == nil ? s["checkIn.loadingHistory"] : refused.map { Self.describe($0, context) }
            var keys: [KeyBinding<Command>] = [
                KeyBinding([.enter], s["key.giveTicket"], .confirm, disabledReason: blocked),
                KeyBinding([.function(4)], s["key.addPaperDose"], .addPaperDose,
                           disabledReason: eligibility == nil ? s["checkIn.loadingHistory"] : context.refusal(.recordPaperDose)),
                KeyBinding([.function(5)], s["key.correctPerson"], .correctPerson, disabledReason: context.refusal(.correctPerson)),
            ]
            if let ask = centreKey(for: phase, context) { keys.append(ask) }
            if refused != nil {
                keys.append(KeyBinding([.function(6)], s["key.override"], .override,
                                       disabledReason: context.refusal(.overrideDose).map { _ in s["checkIn.overrideSiteLeadOnly"] }))
            }
            return KeyMap(keys + [KeyBinding([.escape], s["key.back"], .back)])
        case .overriding(_, _, let reason):
            return KeyMap([
                KeyBinding([.enter], s["key.overrideConfirm"], .confirm,
                           disabledReason: reason.text.trimmed.isEmpty ? s["checkIn.overrideReasonRequired"] : nil),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .ticket:
            return KeyMap([KeyBinding([.enter, .escape], s["key.next"], .dismiss)])
        }
    }

    /// What stops the dose today at this session, if anything.
    func refusal(_ eligibility: DoseEligibility, _ context: Context) -> DoseRefusal? {
        let products = Set(context.lots.filter { $0.isUsable(on: context.todayAtSite) }.map(\.productCode))
        return eligibility.refusal(on: context.today, sessionProducts: products)
    }

    mutating func perform(_ command: Command, _ context: Context) -> [CheckInEffect] {
        switch (phase, command) {
        case (.searching, .confirm):
            // A signed certificate scanned: read it, then look its holder up by name and birth year.
            if Self.isCertificate(field.text) {
                let text = field.text
                field = TextField()
                results = []
                message = context.strings["checkIn.readingCertificate"]
                return [.readCertificate(text)]
            }
            // A scanner types the card's QR and Enter: look the person up by the card's number.
            if let scanned = CitizenCardQR(scanned: field.text) {
                card = scanned
                field.setText(scanned.citizenID)
                results = []
                return [.search(scanned.citizenID)]
            }
            if let identifier = mayAskCentre(context) { return askCentreNow(identifier, context) ?? [] }
            if results.isEmpty, !centrePeople.isEmpty {
                guard let user = context.user else { return [] }
                return [.acceptFromCentre(centrePeople[min(selection.selected, centrePeople.count - 1)], by: user.id)]
            }
            return choose(results[selection.selected])
        case (.searching, .newPerson):
            phase = .registering(FormEditor(fields: PersonForm.Field.allCases, values: walkInStart().values))
            return []
        case (.searching, .clear):
            clearSearch()
            return []
        case (.registering(var form), .confirm):
            let validation = PersonForm(values: form.values).validate(
                provinces: context.provinces, catalog: context.catalog, currentYear: Int(context.today.prefix(4)) ?? 2026)
            switch validation {
            case .valid(let person):
                if Self.lacksDiacritics(person.fullName), plainNameKept != person.fullName {
                    plainNameKept = person.fullName
                    form.show(problems: [.fullName: "walkIn.nameWithoutDiacritics"])
                    phase = .registering(form)
                    return []
                }
                return [.findDuplicates(person)]
            case .invalid(let problems):
                form.show(problems: problems.mapValues(\.rawValue))
                phase = .registering(form)
                return []
            }
        case (.registering, .back):
            phase = .searching
            return []
        case (.lookAlikes(_, _, let matches, let chosen), .confirm):
            return choose(matches[chosen.selected])
        case (.lookAlikes(_, let person, _, _), .saveAnyway):
            guard let user = context.user else { return [] }
            return [.registerWalkIn(person, by: user.id)]
        case (.lookAlikes(let form, _, _, _), .back):
            phase = .registering(form)
            return []
        case (.confirming(let match, let eligibility?), .confirm):
            guard let user = context.user, refusal(eligibility, context) == nil else { return [] }
            return [.checkIn(person: match.person, override: nil, by: user.id)]
        case (.confirming(let match, let eligibility?), .override):
            phase = .overriding(match, eligibility, TextField())
            return []
        case (.confirming(let match, let eligibility?), .addPaperDose):
            phase = .addingDose(match, FormEditor(
                fields: PaperDoseForm.Field.allCases, values: paperDoseStart(match, eligibility).values))
            return []
        case (.confirming(let match, _), .askCentre):
            return askCentre(about: match.person)
        case (.confirming(let match, _), .correctPerson):
            phase = .correcting(match, CorrectionField.form(for: match.person, card: card, context.strings))
            return []
        case (.confirming, .back):
            phase = .searching
            card = nil
            return []
        case (.correcting(let match, var form), .confirm):
            guard let user = context.user else { return [] }
            switch CorrectionField.correction(form, of: match.person, context) {
            case .success(let correction):
                return [.correctPerson(match.person.id, correction, by: user.id)]
            case .failure(let problems):
                form.show(problems: problems.byField)
                phase = .correcting(match, form)
                return []
            }
        case (.correcting(let match, _), .back):
            return choose(match)
        case (.overriding(let match, _, let reason), .confirm):
            guard let user = context.user, !reason.text.trimmed.isEmpty else { return [] }
            return [.checkIn(person: match.person, override: reason.text.trimmed, by: user.id)]
        case (.overriding(let match, let eligibility, _), .back):
            phase = .confirming(match, eligibility)
            return []
        case (.addingDose(let match, var form), .confirm):
            guard let user = context.user else { return [] }
            switch PaperDoseForm(values: form.values).validate(catalog: context.catalog, today: context.today) {
            case .valid(let dose):
                return [.savePaperDose(dose, personID: match.person.id, by: user.id)]
            case .invalid(let problems):
                form.show(problems: problems.mapValues(\.rawValue))
                phase = .addingDose(match, form)
                return []
            }
        case (.addingDose(let match, _), .back):
            phase = .confirming(match, nil)
            return [.loadDoseHistory(personID: match.person.id)]
        case (.ticket, .dismiss):
            phase = .searching
            clearSearch()
            return []
        default:
            return []
        }
    }

    /// The last look at a person before check-in, once their dose history is read.
    private mutating func choose(_ match: RosterMatch) -> [CheckInEffect] {
        phase = .confirming(match, nil)
        // Read again with the dose history: never another person's.
        corrections = []
        return [.loadDoseHistory(personID: match.person.id)]
    }

    private mutating func clearSearch() {
        field = TextField()
        results = []
        selection = ListSelection()
        card = nil
        reading = nil
        message = nil
        centre = nil
    }

    /// What a scanner types from a signed certificate's QR code.
    static func isCertificate(_ text: String) -> Bool { text.hasPrefix("HC1:") }

    /// The doses of the certificate the person brought, checked, that their record lacks.
    func certificateDosesMissing(for person: Person, _ eligibility: DoseEligibility) -> [CertificateReading.Dose] {
        guard let reading, reading.isValid, reading.isAbout(person) else { return [] }
        let known = Set(eligibility.priors.map { "\($0.doseNumber) \($0.givenOn)" })
        return reading.doses.filter { !known.contains("\($0.number) \($0.day)") }
    }

    /// The paper-dose form: the first dose of the person's checked certificate that their record lacks,
    /// else an empty form for the dose after those on record.
    private func paperDoseStart(_ match: RosterMatch, _ eligibility: DoseEligibility) -> PaperDoseForm {
        guard let dose = certificateDosesMissing(for: match.person, eligibility).first, let reading else {
            return PaperDoseForm(nextDoseNumber: eligibility.plan.doseNumber)
        }
        return PaperDoseForm(values: [
            .doseNumber: String(dose.number), .product: dose.productCode ?? dose.product, .date: LocalDay.shown(dose.day),
            // Where it was given: the site that signed it.
            .place: reading.signer ?? dose.country,
        ])
    }

    /// A walk-in form starts from the scanned card, else from a name typed in the search field.
    private func walkInStart() -> PersonForm {
        if let card { return PersonForm(card: card) }
        let typed = field.text.trimmed
        // A whole number nobody holds (the centre could not be asked, or knows nobody): the form has it.
        if let number = CentreLookup.identifier(in: typed) { return PersonForm(values: [.identityNumber: number]) }
        let looksLikeName = !typed.isEmpty && !typed.contains(where: \.isNumber) && CitizenCardQR(scanned: typed) == nil
        return PersonForm(values: looksLikeName ? [.fullName: NameFolding.normalizeName(typed)] : [:])
    }

    func otherKeys(_ context: Context) -> [KeyHelp] {
        let s = context.strings
        switch phase {
        case .searching, .ticket: return KeyHelp.of(.search, .list, strings: s)
        case .registering, .addingDose, .correcting: return KeyHelp.of(.form, strings: s)
        case .lookAlikes: return KeyHelp.of(.list, strings: s)
        case .overriding: return KeyHelp.of(.reason, strings: s)
        case .confirming: return []
        }
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [CheckInEffect] {
        switch phase {
        case .searching:
            break
        case .registering(var form):
            _ = form.handle(key)
            phase = .registering(form)
            return []
        case .addingDose(let match, var form):
            _ = form.handle(key)
            phase = .addingDose(match, form)
            return []
        case .correcting(let match, var form):
            _ = form.handle(key)
            phase = .correcting(match, form)
            return []
        case .lookAlikes(let form, let person, let matches, var chosen):
            _ = chosen.handle(key, count: matches.count, visibleRows: 8)
            phase = .lookAlikes(form, person, matches, chosen)
            return []
        case .overriding(let match, let eligibility, var reason):
            _ = reason.handle(key)
            phase = .overriding(match, eligibility, reason)
            return []
        case .ticket:
            // The ticket never blocks the queue: the next person's name or a scanned card typed while
            // it shows starts the next search, and nothing of it is lost.
            guard case .character = key else { return [] }
            phase = .searching
            clearSearch()
        case .confirming:
            return []
        }
        if selection.handle(key, count: choiceCount, visibleRows: 16) { return [] }
        let before = field.text
        guard field.handle(key), field.text != before else { return [] }
        selection = ListSelection()
        message = nil
        card = nil
        centre = nil
        // A certificate being scanned is not a name: no search until its Enter.
        if RosterQuery(field.text).isEmpty || Self.isCertificate(field.text) {
            results = []
            return []
        }
        return [.search(field.text)]
    }

    /// A name of plain letters only: typed on a keyboard without a Vietnamese input method, most likely.
    static func lacksDiacritics(_ name: String) -> Bool {
        name.unicodeScalars.allSatisfy(\.isASCII) && name.contains(where: \.isLetter)
    }

    /// What the search says under its list: ask for more digits, or for more words when the list is
    /// only the first of many.
    func searchAdvice(_ context: Context) -> String? {
        let query = RosterQuery(field.text, currentYear: context.todayAtSite.year)
        if query.tooFewDigits { return context.strings["checkIn.moreDigits"] }
        if results.count >= RosterQuery.deskLimit {
            guard let total = matchTotal else { return context.strings.text("checkIn.narrow", ["n": String(results.count)]) }
            let all = total > RosterQuery.countCap
                ? context.strings.text("checkIn.moreThan", ["n": NumberText.grouped(RosterQuery.countCap)])
                : NumberText.grouped(total)
            return context.strings.text("checkIn.narrowOf", ["n": String(results.count), "total": all])
        }
        return nil
    }

    mutating func receive(_ answer: CheckInEffect.Answer, _ context: Context) -> Reaction<CheckInEffect> {
        switch answer {
        case .searchResults(let query, let matches):
            // An answer to a query since typed over is not shown: the newer one is on its way.
            guard query == field.text else { break }
            searchFailed = false
            results = matches
            matchTotal = nil
            selection.clamp(count: results.count, visibleRows: 16)
            if matches.isEmpty, let ask = askCentre(afterNoMatchFor: query, context) { return Reaction(ask) }
            // A full list is only the first of many: how many, so that the nurse knows to narrow it.
            if matches.count >= RosterQuery.deskLimit, card == nil { return [.countMatches(query)] }
            if let card, query == card.citizenID, phase == .searching {
                let holders = matches.filter { $0.person.identityNumber == card.citizenID }
                guard holders.count == 1, let match = holders.first else {
                    message = context.strings.text("checkIn.cardNotFound", ["name": card.fullName, "id": card.citizenID])
                    return []
                }
                return Reaction(choose(match))
            }
        case .matchCount(let query, let total):
            if query == field.text, let total { matchTotal = total }
        case .duplicatesFound(let person, let matches):
            guard case .registering(let form) = phase else { break }
            if matches.isEmpty, let user = context.user { return [.registerWalkIn(person, by: user.id)] }
            phase = .lookAlikes(form, person, matches, ListSelection())
        case .walkInRegistered(let person):
            message = nil
            return Reaction(choose(RosterMatch(person: person, dosesOnRecord: 0)))
        case .paperDoseSaved(let personID, _):
            if case .addingDose(let match, _) = phase, match.person.id == personID {
                return Reaction(choose(match))
            }
        case .doseHistoryLoaded(let personID, let doses):
            if case .confirming(var match, _) = phase, match.person.id == personID {
                match.dosesOnRecord = doses.count
                phase = .confirming(match, DoseEligibility(after: doses, catalog: context.catalog))
                return [.loadCorrections(personID: personID)]
            }
        case .correctionsLoaded(let personID, let entries):
            if phase.person?.id == personID { corrections = entries }
        case .personCorrected(let person):
            guard case .correcting(var match, _) = phase, match.person.id == person.id else { break }
            match.person = person
            // The card, if one was scanned, now agrees with the record: the last look says so.
            return Reaction(choose(match), notice: AppState.Notice(
                text: context.strings.text("notice.personCorrected", ["name": person.fullName]), tone: .success))
        case .correctionRefused(let personID, let refusal):
            guard case .correcting(let match, var form) = phase, match.person.id == personID else { break }
            form.show(problems: CorrectionField.problems(refusal))
            phase = .correcting(match, form)
        case .certificateRead(let read):
            reading = read
            message = Self.describe(read, context)
            guard let text = read.searchText, phase == .searching else { break }
            field.setText(text)
            return [.search(text)]
        case .centreAnswered(let identifier, let answer):
            if case .confirming = phase { return centreAnsweredAtLastLook(identifier, answer, context) }
            receiveCentre(identifier, answer)
        case .acceptedFromCentre(let person):
            if case .confirming(let match, _) = phase, match.person.id == person.id {
                return .saved(context.strings["notice.centreDosesFiled"], then: choose(match))
            }
            guard phase == .searching else { break }
            // On the roster now: back from the last look, the list shows them.
            centre = nil
            results = [RosterMatch(person: person, dosesOnRecord: 0)]
            selection = ListSelection()
            return .saved(context.strings.text("notice.takenFromCentre", ["name": person.fullName]),
                          then: choose(RosterMatch(person: person, dosesOnRecord: 0)))
        case .checkedIn(let ticket):
            guard let person = phase.person else { break }
            phase = .ticket(number: ticket, person: person)
            return .saved(context.strings.text("notice.checkedIn", ["n": String(ticket), "name": person.fullName]))
        }
        return []
    }

    mutating func failed(_ failure: DeskFailure, _ context: Context) -> Reaction<CheckInEffect> {
        switch failure {
        case .read where phase == .searching:
            results = []
            searchFailed = true
        case .refused(let error):
            switch phase {
            case .confirming, .overriding: phase = .searching
            case .lookAlikes(let form, _, _, _) where error == .identityNumberOnRoster: phase = .registering(form)
            case .correcting(let match, var form) where error == .identityNumberOnRoster:
                // Another person has this number: the form stays as typed, the cursor on the number.
                form.show(problems: [.person(.identityNumber): "error.identityNumberOnRoster"])
                phase = .correcting(match, form)
            default: break
            }
            return Reaction(refresh(context))
        case .read, .storage:
            break
        }
        return []
    }

    /// Another desk's write may change the list shown (a ticket given, a dose recorded): the search runs
    /// again only while its results are on screen, not behind the last look, a form or a ticket.
    func refresh(_ context: Context) -> [CheckInEffect] {
        guard phase == .searching, !results.isEmpty, !RosterQuery(field.text).isEmpty else { return [] }
        return [.search(field.text)]
    }
}
