import Foundation
import VaxCore
import VaxDeskUI
import VaxStore

/// Saves a certificate beside the site database (`certificates/<reference>.txt`) and, when the site
/// has a printer (`VAXDESK_PRINTER`, a CUPS destination), sends it there with `lp`.
struct CertificatePrinter {
    let database: AppDatabase
    let resources: LoadedResources
    /// The site's zone: the certificate's times are the site's.
    let timeZone: TimeZone

    func print(_ certificate: Certificate, at date: Date) throws -> ObservationClient.PrintOutcome {
        let folder = URL(fileURLWithPath: database.path).deletingLastPathComponent().appendingPathComponent("certificates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let file = folder.appendingPathComponent(certificate.reference.text + ".txt")
        let context = Context(
            strings: resources.strings, catalog: resources.catalog, checklist: resources.checklist,
            provinces: resources.provinces, timeZone: timeZone, now: date)
        try PrivateFile.write(Printable.keepingLayout(CertificatePage.printable(certificate, context)), to: file.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        guard let printer = ProcessInfo.processInfo.environment["VAXDESK_PRINTER"], !printer.isEmpty else {
            return .saved(path: file.path, printer: nil)
        }
        let lp = Process()
        lp.executableURL = URL(fileURLWithPath: "/usr/bin/lp")
        // A signed certificate's QR code is 93 characters wide: 13 characters an inch fit it on A4 whole.
        lp.arguments = ["-d", printer] + (certificate.signed != nil ? ["-o", "cpi=13", "-o", "lpi=8"] : []) + [file.path]
        lp.standardOutput = FileHandle.nullDevice
        lp.standardError = FileHandle.nullDevice
        do {
            try lp.run()
            lp.waitUntilExit()
        } catch {
            return .printFailed(path: file.path, printer: printer)
        }
        guard lp.terminationStatus == 0 else { return .printFailed(path: file.path, printer: printer) }
        return .saved(path: file.path, printer: printer)
    }
}
