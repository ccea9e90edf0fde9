import ArgumentParser
import Foundation
import VaxCore
import VaxDeskUI
import VaxStore

/// `vaxdesk certificate`: a person's certificate produced again, every dose on record, signed.
struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "A person's vaccination certificate again: every dose on record, signed (observation nurse or site lead).",
        discussion: """
            --format text (default) prints the certificate as it is printed at discharge, its QR code and its HC1 \
            text; hc1 prints the HC1 text alone (what the QR code holds), for a verifier or another program; pdf \
            writes an A4 page to --out (the text in Noto Sans Mono, embedded; the QR code drawn sharp). A \
            certificate that states the same facts as the person's standing one is that one again; changed facts \
            (a new dose, a correction) get a new certificate with a new identifier. Audited.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, hc1, pdf }

    @OptionGroup var site: SiteOptions
    @OptionGroup var staff: ActingStaff
    @OptionGroup var choice: PersonChoice

    @Option(help: "text or hc1.")
    var format: Format = .text

    @Option(help: "Write it to this file (0600) instead of printing it; a PDF needs one.")
    var out: String?

    func validate() throws {
        if format == .pdf, out == nil { throw ValidationError("--format pdf writes a file: give --out FILE.pdf.") }
    }

    func run() throws {
        let messages = CommandMessages(language: site.language)
        let database = try AppDatabase(path: site.databasePath)
        let member = try staff.signIn(database, messages: messages, for: .printCertificate)
        let person = try choice.find(in: database, messages: messages)
        let resources = try LoadedResources(language: site.language)
        let now = Date()
        guard let found = try database.certificate(personID: person.id, at: now) else {
            throw messages.failure("certificateNoDoses", ["name": person.fullName])
        }
        let signing = CertificateSigning(database: database, catalog: resources.catalog)
        let certificate: Certificate
        do {
            certificate = try messages.refusing { try signing.signed(found, by: member.id, at: now) }
        } catch let problem as SigningProblem {
            throw CommandRefusal(CertificatePage.unsignedLine(problem, context(resources, now)))
        }
        try database.recordCertificatePrinted(certificate.reference, by: member.id, at: now)
        let page = context(resources, now)
        let bytes: Data
        switch format {
        case .text: bytes = Data(Printable.keepingLayout(CertificatePage.printable(certificate, page)).utf8)
        case .hc1: bytes = Data(((certificate.signed?.hc1 ?? "") + "\n").utf8)
        case .pdf:
            let pdf: CertificatePDF
            do { pdf = try CertificatePDF() } catch { throw CommandRefusal(String(describing: error)) }
            bytes = pdf.document(
                lines: CertificatePage.lines(certificate, page, width: 80, withPlaces: true).map(Printable.text),
                qr: CertificatePage.qrCode(certificate), after: [page.strings["certificate.signature"]])
        }
        if let out {
            try PrivateFile.write(bytes, to: out)
            print(messages.text("certificateWritten", ["path": out, "id": certificate.signed?.identifier ?? ""]))
        } else {
            FileHandle.standardOutput.write(bytes)
        }
    }

    private func context(_ resources: LoadedResources, _ now: Date) -> Context {
        Context(strings: resources.strings, catalog: resources.catalog, checklist: resources.checklist,
                provinces: resources.provinces, timeZone: LocalDay.vietnam, now: now)
    }
}

extension CertificateSigning {
    /// Reissues the person's certificate after a command revoked it, and says so.
    func reissue(personID: UUID, by staffID: UUID, telling messages: CommandMessages) {
        guard let issued = reissue(personID: personID, by: staffID, at: Date()) else { return }
        print(messages.text("certificateReissued", ["id": issued.identifier]))
    }
}
