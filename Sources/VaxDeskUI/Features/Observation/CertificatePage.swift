import Foundation
import TerminalKit
import VaxCore
import VaxQR

/// The certificate as text: the same lines on screen (beside its QR code) and in the file sent to the
/// printer.
public enum CertificatePage {
    /// The lines of the certificate, at most `width` columns, a longer one (an address, a place) going on
    /// below under its own indentation; `withPlaces` adds where each dose was given.
    public static func lines(_ certificate: Certificate, _ context: Context, width: Int, withPlaces: Bool) -> [String] {
        let s = context.strings
        let person = certificate.person
        var lines = [
            s["certificate.title"], "",
            s.text("certificate.name", ["name": person.fullName]),
            s.text("certificate.birth", ["date": person.birthDate.description, "sex": context.sexLabel(person.sex)]),
            s.text("certificate.id", ["id": person.identityNumber ?? s["common.none"]]),
        ]
        if let phone = person.phone { lines.append(s.text("certificate.phone", ["phone": phone])) }
        if let address = person.address { lines.append(s.text("certificate.address", ["address": address])) }
        lines += ["", s["certificate.doses"]]
        for dose in certificate.doses {
            var line = s.text("certificate.dose", [
                "n": String(dose.number), "date": LocalDay.shown(dose.day),
                "product": context.productNames([dose.productCode]),
            ])
            if let lot = dose.lotNumber { line += " · " + s.text("certificate.lot", ["lot": lot]) }
            lines.append(line)
            if withPlaces, let place = dose.place { lines.append("    " + place) }
            if let severity = dose.adverseEvent {
                lines.append("    " + s[severity == .serious ? "certificate.aefiSerious" : "certificate.aefi"])
            }
        }
        lines += [
            "", s.text("certificate.site", ["site": certificate.siteName]),
            s.text("certificate.issued", ["date": LocalDay.shown(context.day(certificate.signed?.issuedAt ?? certificate.issuedAt))]),
        ]
        if let signed = certificate.signed {
            lines.append(s.text("certificate.identifier", ["id": signed.identifier]))
        } else {
            lines.append(s.text("certificate.reference", ["ref": certificate.reference.text]))
            if let problem = certificate.unsigned { lines.append(unsignedLine(problem, context)) }
        }
        return lines.flatMap { line in line.wrapped(toWidth: width, indent: line.prefix { $0 == " " }.count + 2) }
    }

    /// Why the certificate is not signed, in words that say what to do.
    public static func unsignedLine(_ problem: SigningProblem, _ context: Context) -> String {
        let s = context.strings
        switch problem {
        case .noSigner: return s["signing.noSigner"]
        case .noKey(let file): return s.text("signing.noKey", ["file": file])
        case .signerExpired(let date): return s.text("signing.signerExpired", ["date": LocalDay.shown(context.day(date))])
        case .failed(let what): return s.text("signing.failed", ["reason": what])
        }
    }

    /// The QR code, as half-block lines: the signed HC1 text (error correction Q, as HCERT asks), or the
    /// record reference of a certificate that could not be signed; nil if it cannot be encoded.
    public static func qrLines(_ certificate: Certificate) -> [String]? {
        qrCode(certificate)?.halfBlockLines()
    }

    /// The QR code's modules: the signed HC1 text, or the record reference.
    public static func qrCode(_ certificate: Certificate) -> QRMatrix? {
        if let signed = certificate.signed { return QRMatrix(signed.hc1, correction: .quartile) }
        return QRMatrix(certificate.reference.text)
    }

    /// The whole page for a file or a printer: the text, the QR code, room to sign and stamp, and the
    /// HC1 text itself, so that the file can be verified without reading the code.
    public static func printable(_ certificate: Certificate, _ context: Context) -> String {
        var lines = Self.lines(certificate, context, width: 80, withPlaces: true)
        if let qr = qrLines(certificate) { lines += [""] + qr }
        lines += ["", context.strings["certificate.signature"]]
        if let signed = certificate.signed { lines += ["", signed.hc1] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text beside the QR code needs at least this many columns: an identifier (UVCI) whole.
    static let textMinimumWidth = 44

    /// Draws the certificate: the text on the left, the QR code (from `qrLines`) on the right. A signed
    /// code is larger than an 80×24 terminal: where it does not fit whole, the text says how large a
    /// window shows it (a code cut is no code), and the printed page has it.
    static func draw(_ certificate: Certificate, qr: [String], in area: Rect, into buffer: inout Buffer, _ context: Context) {
        buffer.fill(area)
        let qrWidth = qr.first?.displayWidth ?? 0
        let fits = qr.count <= area.height && qrWidth + textMinimumWidth + 3 <= area.width
        let textWidth = fits ? area.width - qrWidth - 3 : area.width - 2
        var text = lines(certificate, context, width: textWidth, withPlaces: false)
        if !fits, !qr.isEmpty {
            let needed = context.strings.text("certificate.qrNeedsRoom", [
                "width": String(qrWidth + textMinimumWidth + 3), "height": String(qr.count + 2),
            ])
            text += [""] + needed.wrapped(toWidth: textWidth, indent: 0)
        }
        for (index, line) in text.enumerated() where index < area.height {
            buffer.put(line, x: area.x + 1, y: area.y + index, style: index == 0 ? .title : .plain)
        }
        guard fits else { return }
        for (index, line) in qr.enumerated() {
            buffer.put(line, x: area.maxX - qrWidth - 1, y: area.y + index)
        }
    }
}
