import ArgumentParser
import Foundation
import VaxCore
import VaxStore

/// A person of the roster: their record corrected, and the history of its corrections.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Correct a person's record, or show what was corrected.",
        subcommands: [PersonCorrectCommand.self, PersonHistoryCommand.self, PersonDuplicatesCommand.self, PersonMergeCommand.self]
    )
}

/// `--person`: the person's id (from `vaxdesk search --json`) or their whole CCCD/CMND number.
struct PersonChoice: ParsableArguments {
    @Option(help: "The person: their id (vaxdesk search --json) or their whole CCCD/CMND number.")
    var person: String

    init() {}

    init(person: String) { self.person = person }

    func find(in database: AppDatabase, messages: CommandMessages) throws -> Person {
        let found = try UUID(uuidString: person).map { try database.person(id: $0) }
            ?? database.person(identityNumber: person.trimmed)
        guard let found else { throw messages.failure("personNotFound", ["person": person]) }
        return found
    }
}

struct PersonCorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct fields of a person's record (check-in nurse or site lead, reason required, audited).",
        discussion: """
            Give --field and --value once for each field to correct: full-name, birth-date (dd/mm/yyyy or \
            the year), sex (Nam/Nữ), identity-number, phone, address, commune, priority-group. An empty \
            --value clears a field that may be empty. The corrected record is checked as a new one is (a \
            CCCD that contradicts the birth date or the sex is refused); the old values are kept in the \
            person's history, and their record goes to the central service again.
            """
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var staff: ActingStaff
    @OptionGroup var choice: PersonChoice

    @Option(help: "A field to correct (once per --value).")
    var field: [String] = []

    @Option(help: "Its new value, in the order of the --field options.")
    var value: [String] = []

    @Option(help: "Why (the paper it was checked against): kept with the correction.")
    var reason: String

    mutating func validate() throws {
        guard !field.isEmpty else { throw ValidationError("Give at least one --field and its --value.") }
        guard field.count == value.count else { throw ValidationError("Give one --value for each --field.") }
        let names = PersonForm.Field.allCases.map(\.name)
        for name in field where PersonForm.Field(name: name) == nil {
            throw ValidationError("Unknown field '\(name)': one of \(names.joined(separator: ", ")).")
        }
    }

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let member = try staff.signIn(database, messages: messages)
        let person = try choice.find(in: database, messages: messages)
        let changes = Dictionary(zip(field.compactMap(PersonForm.Field.init(name:)), value)) { $1 }
        let resources = try LoadedResources(language: site.language)
        do {
            let corrected = try messages.refusing {
                try database.correctPerson(person.id, PersonCorrection(changes: changes, reason: reason),
                                           provinces: resources.provinces, catalog: resources.catalog, by: member.id, at: Date())
            }
            print(messages.text("personCorrected", ["name": corrected.fullName]))
            CertificateSigning(database: database, catalog: resources.catalog)
                .reissue(personID: person.id, by: member.id, telling: messages)
            for entry in try database.corrections(personID: person.id).prefix(changes.count) {
                print("  " + Printable.text(messages.strings.text(for: entry.change)))
            }
        } catch CorrectionRefusal.unchanged {
            throw messages.failure("personUnchanged", ["name": person.fullName])
        } catch CorrectionRefusal.invalid(let problems) {
            throw CommandRefusal(([messages.text("personInvalid", ["name": person.fullName])]
                + messages.strings.text(for: problems).map { "  " + $0 }).joined(separator: "\n"))
        }
    }
}

struct PersonHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The corrections of a person's record, newest first: what, from what to what, why, by whom, when.",
        discussion: "The old values are personal data: only those who may correct a record read them (signed in, audited).")

    @OptionGroup var site: SiteOptions
    @OptionGroup var staff: ActingStaff
    @OptionGroup var choice: PersonChoice

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        _ = try staff.signIn(database, messages: messages, for: .correctPerson)
        let person = try choice.find(in: database, messages: messages)
        let resources = try LoadedResources(language: site.language)
        print(Printable.text(person.fullName + " · " + person.birthDate.description))
        for record in try database.records(personID: person.id) {
            let what = record.kind == .screening ? messages.strings["outcome.\(record.detail)"] : messages.strings.text(
                "certificate.dose", ["n": String(record.doseNumber ?? 0), "date": LocalDay.shown(record.day),
                                     "product": resources.catalog.shortNames([record.detail])])
            var line = "  " + messages.text("record.\(record.kind.rawValue)") + " · " + what + " · " + record.id.uuidString
            if record.voided { line += " · " + messages.text("record.voided") }
            print(Printable.text(line))
        }
        for issued in try database.issuedCertificates(personID: person.id) {
            var line = "  " + messages.text("record.certificate", [
                "id": issued.identifier, "date": LocalDay.shown(LocalDay.of(issued.issuedAt)),
            ])
            if let reason = issued.revocationReason {
                line += " · " + messages.text("record.certificateRevoked.\(reason.rawValue)")
                if let replacement = issued.replacedBy { line += " · " + messages.text("record.replacedBy", ["id": replacement]) }
            }
            print(Printable.text(line))
        }
        let entries = try database.corrections(personID: person.id)
        print(Printable.text(messages.count("personHistory", entries.count, ["name": person.fullName])))
        for entry in entries {
            let when = LocalDay.shown(LocalDay.of(entry.at))
            print(Printable.text("  " + [when, entry.staffCode, messages.strings.text(for: entry.change), entry.reason]
                .joined(separator: " · ")))
        }
    }
}
