import ArgumentParser
import Foundation
import VaxCore
import VaxStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Take the site's records away on a stick.", subcommands: [ExportFHIRCommand.self])
}

struct ExportFHIRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fhir",
        abstract: "Write the site's records as one FHIR R4 batch Bundle on standard output.",
        discussion: """
            For a site whose internet is down for days: `vaxdesk export fhir --by PT01 > bundle.json`, carried \
            to a connected machine and posted to the centre (`curl -H 'Authorization: Bearer …' --data-binary \
            @bundle.json https://central.example/fhir`), which takes it as it takes the pusher's: nothing is \
            stored twice. Site lead only; the export is audited.
            """
    )

    @OptionGroup var site: SiteOptions

    @OptionGroup var staff: ActingStaff

    @Option(help: "Only records queued on or after this day (dd/mm/yyyy or yyyy-mm-dd).")
    var since: String?

    @Option(help: "Write the Bundle to this file, readable by you only (mode 0600), rather than to standard output.")
    var out: String?

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try site.openForReading(messages)
        let lead = try staff.signIn(database, messages: messages)
        var sinceDate: Date?
        if let since {
            guard let day = RosterDate.parse(since), day.month != nil else { throw messages.failure("badDay", ["day": since]) }
            sinceDate = LocalDay.start(of: day.stored, in: LocalDay.vietnam)
        }
        let resources = try LoadedResources(language: site.language)
        let timeZone = (try database.site()).flatMap { TimeZone(identifier: $0.timeZoneIdentifier) } ?? LocalDay.vietnam
        let items = try database.exportSyncItems(since: sinceDate)
        let bundle = FHIRExport.bundle(items, mapping: FHIRMapping(catalog: resources.catalog, timeZone: timeZone))
        try messages.refusing {
            try database.recordExport("FHIR bundle of \(bundle.entry?.count ?? 0) resources since \(since ?? "the start")",
                                      by: lead.id, at: Date())
        }
        var data = try FHIRResource.encoder().encode(bundle)
        data.append(0x0A)
        if let out {
            try PrivateFile.write(data, to: out)
            print(messages.text("exportWritten", ["n": String(bundle.entry?.count ?? 0), "path": out]))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
