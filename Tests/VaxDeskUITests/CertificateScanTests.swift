import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

/// A signed certificate (HC1) a person brings, scanned at check-in: read and checked, its holder found,
/// its doses offered at their last look; one that does not hold is said so, with why, and offers nothing.
@Suite("A certificate scanned at check-in")
struct CertificateScanTests {
    typealias F = DeskFixture
    static let text = "HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOOK.IR9B+9G4G50PHZF0AT4V22F/8X*G3M9JUPY0BX"

    static func reading(_ failure: CertificateReading.Failure? = nil) -> CertificateReading {
        CertificateReading(
            failure: failure, fullName: F.duc.fullName, birthDate: "1985-03-07",
            doses: [.init(number: 1, seriesDoses: 2, productCode: "astrazeneca", product: "EU/1/21/1529", day: "2021-08-10", country: "VN")],
            identifier: "URN:UVCI:01:VN:91RGVTV/XJCHWK7MVU6LNWWVTF3H", signer: "TYT Phường 5")
    }

    @Test("the scanner's text starts no search while it arrives; Enter reads it, then looks up its holder by name and year")
    func scanned() {
        var state = F.desk(at: .checkIn)
        let typed = state.type(Self.text)
        #expect(!typed.contains { $0.as(CheckInEffect.self).map { if case .search(let q) = $0 { q.hasPrefix("HC1:") } else { false } } ?? false },
                "no search of the HC1 text: \(typed.count) effects")
        #expect(state.send(.key(.enter)) == [CheckInEffect.readCertificate(Self.text)])
        #expect(state.answer(CheckInAnswer.certificateRead(Self.reading())) == [CheckInEffect.search("Nguyễn Văn Đức 1985")])
        _ = state.answer(CheckInAnswer.searchResults(query: "Nguyễn Văn Đức 1985", [RosterMatch(person: F.duc, dosesOnRecord: 0)]))
        #expect(state.render().0.text.contains("Giấy chứng nhận hợp lệ (1 mũi): Nguyễn Văn Đức, 07/03/1985"))
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.duc.id, []))
        Golden.check(state.render().0, "checkin-certificate-doses")
        // F4: the form holds the certificate's dose (saved, the last look offers nothing more: the desk test in tmux).
        _ = state.send(.key(.function(4)))
        let form = state.render().0.text
        #expect(form.contains("astrazeneca") && form.contains("10/08/2021") && form.contains("TYT Phường 5"), "\(form)")
    }

    @Test("a certificate that does not hold says why, on two rows if it must, and its doses are not offered")
    func refused() {
        var state = F.desk(at: .checkIn)
        _ = state.type(Self.text)
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.certificateRead(Self.reading(.badSignature)))
        _ = state.answer(CheckInAnswer.searchResults(query: "Nguyễn Văn Đức 1985", [RosterMatch(person: F.duc, dosesOnRecord: 0)]))
        Golden.check(state.render().0, "checkin-certificate-refused")
        _ = state.send(.key(.enter))
        _ = state.answer(CheckInAnswer.doseHistoryLoaded(personID: F.duc.id, []))
        #expect(!state.render().0.text.contains("Trong giấy chứng nhận"))
    }
}
