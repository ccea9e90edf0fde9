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
            s.text("certificate.issued", ["date": LocalDay.shown(context.day(certificate.issuedAt))]),
            s.text("certificate.reference", ["ref": certificate.reference.text]),
        ]
        return lines.flatMap { line in line.wrapped(toWidth: width, indent: line.prefix { $0 == " " }.count + 2) }
    }

    /// The QR code of the record reference, as half-block lines; nil if it cannot be encoded.
    public static func qrLines(_ certificate: Certificate) -> [String]? {
        QRMatrix(certificate.reference.text)?.halfBlockLines()
    }

    /// The whole page for a file or a printer: the text, then the QR code, then room to sign and stamp.
    public static func printable(_ certificate: Certificate, _ context: Context) -> String {
        var lines = Self.lines(certificate, context, width: 80, withPlaces: true)
        if let qr = qrLines(certificate) { lines += [""] + qr }
        lines += ["", context.strings["certificate.signature"]]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Draws the certificate: the text on the left, the QR code (from `qrLines`) on the right.
    static func draw(_ certificate: Certificate, qr: [String], in area: Rect, into buffer: inout Buffer, _ context: Context) {
        buffer.fill(area)
        let qrWidth = qr.first?.displayWidth ?? 0
        let textWidth = area.width - qrWidth - 3
        for (index, line) in lines(certificate, context, width: textWidth, withPlaces: false).enumerated()
        where index < area.height {
            buffer.put(line, x: area.x + 1, y: area.y + index, style: index == 0 ? .title : .plain)
        }
        for (index, line) in qr.enumerated() where index < area.height {
            buffer.put(line, x: area.maxX - qrWidth - 1, y: area.y + index)
        }
    }
}
