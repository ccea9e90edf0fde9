import ArgumentParser
import Foundation
import VaxCore
import VaxStore

/// The same person twice on the roster: listed, then merged by the site lead.
struct PersonDuplicatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "List records of the roster that are probably one person (site lead): same CCCD, same name and birth date, same phone and birth year.",
        discussion: "Two records with different CCCD/CMND numbers are two people and are never listed. Merge a pair with vaxdesk person merge.")

    @OptionGroup var site: SiteOptions
    @OptionGroup var staff: ActingStaff

    @Option(help: "At most this many pairs.")
    var limit: Int = 200

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        _ = try staff.signIn(database, messages: messages, for: .mergePeople)
        let pairs = try database.probableDuplicates(limit: limit)
        print(Printable.text(messages.count("duplicates", pairs.count)))
        for pair in pairs {
            print(Printable.text("  " + messages.text("duplicate.\(pair.reason.rawValue)")))
            for match in [pair.first, pair.second] {
                let person = match.person
                print(Printable.text("    " + [person.id.uuidString, person.fullName, person.birthDate.description,
                                                person.identityNumber ?? "—", person.phone ?? "—",
                                                messages.strings.count("checkIn.doses", match.dosesOnRecord)].joined(separator: " · ")))
            }
        }
    }
}

struct PersonMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge two records of one person (site lead, reason required, audited): one keeps every dose, the other stays, marked.",
        discussion: """
            --keep is the record that stays (its fields win; those it lacks come from the other, each kept in its \
            history); --merge is the one merged into it: its visits and paper doses move, it leaves search and the \
            duplicates, and the centre receives it as replaced by the kept one. Two records with different CCCD/CMND \
            numbers are refused, and so are two that came to the same session.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var staff: ActingStaff

    @Option(help: "The record that stays: its id, or its whole CCCD/CMND.")
    var keep: String

    @Option(help: "The record merged into it: its id.")
    var merge: String

    @Option(help: "Why they are one person (the paper checked).")
    var reason: String

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let lead = try staff.signIn(database, messages: messages)
        let kept = try PersonChoice(person: keep).find(in: database, messages: messages)
        let merged = try PersonChoice(person: merge).find(in: database, messages: messages)
        try messages.refusing { try database.mergePeople(keep: kept.id, merged: merged.id, reason: reason, by: lead.id, at: Date()) }
        print(Printable.text(messages.text("merged", ["kept": kept.fullName, "merged": merged.fullName])))
        CertificateSigning(database: database, catalog: try LoadedResources(language: site.language).catalog)
            .reissue(personID: kept.id, by: lead.id, telling: messages)
    }
}
