import ArgumentParser
import Foundation
import VaxCore
import VaxStore

/// `vaxdesk session void`: a record entered in error leaves every count, and is never deleted.
struct SessionVoidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "void",
        abstract: "Void a record entered in error (site lead, reason required, audited): never deleted.",
        discussion: """
            Give one of --injection (with --dose wasted if the dose was drawn and given to nobody, or \
            --dose returned if it was never drawn), --screening (one that ended without a dose) or \
            --paper-dose; the ids are on the certificate and in `vaxdesk person history`. The record stays, \
            marked, and leaves every count, report, dose rule and certificate; the centre receives it as \
            entered-in-error. Then record the right person's dose as usual, or as a paper dose.
            """
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var staff: ActingStaff

    @Option(help: "An injection's record id.")
    var injection: String?

    @Option(help: "What became of a voided injection's dose: wasted (drawn, given to nobody) or returned (never drawn).")
    var dose: String?

    @Option(help: "A screening's record id (one that ended without a dose).")
    var screening: String?

    @Option(name: .customLong("paper-dose"), help: "A paper dose's record id.")
    var paperDose: String?

    @Option(help: "Why the record is wrong.")
    var reason: String

    mutating func validate() throws {
        guard [injection, screening, paperDose].compactMap({ $0 }).count == 1 else {
            throw ValidationError("Give exactly one of --injection, --screening and --paper-dose.")
        }
        if injection != nil, dose.flatMap(VoidedRecord.DoseFate.init(rawValue:)) == nil {
            throw ValidationError("An injection needs --dose wasted or --dose returned.")
        }
        if injection == nil, dose != nil { throw ValidationError("--dose is for an injection only.") }
    }

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let lead = try staff.signIn(database, messages: messages)
        let given = injection ?? screening ?? paperDose ?? ""
        guard let id = UUID(uuidString: given) else { throw messages.failure("badRecord", ["id": given]) }
        let record: VoidedRecord
        if injection != nil, let fate = dose.flatMap(VoidedRecord.DoseFate.init(rawValue:)) {
            record = .injection(id, dose: fate)
        } else if screening != nil {
            record = .screening(id)
        } else {
            record = .paperDose(id)
        }
        let person = try messages.refusing { try database.voidRecord(record, reason: reason, by: lead.id, at: Date()) }
        print(messages.text("voided", ["id": given]))
        if let person {
            CertificateSigning(database: database, catalog: try LoadedResources(language: site.language).catalog)
                .reissue(personID: person, by: lead.id, telling: messages)
        }
    }
}
