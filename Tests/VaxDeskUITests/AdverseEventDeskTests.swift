import Foundation
import TerminalKit
import Testing
import VaxCore
@testable import VaxDeskUI

@Suite("Adverse events at the observation desk, and the alert on every desk")
struct AdverseEventDeskTests {
    typealias F = DeskFixture

    static let anaphylaxis = AdverseEvent(
        id: UUID(uuidString: "00000000-0000-4000-8000-0000000000E1")!, visitID: UUID(), onset: F.now.addingTimeInterval(-120),
        signs: "Khó thở, mẩn đỏ toàn thân", severity: .serious, anaphylaxisGrade: 2, actions: "Adrenalin 0,5 mg tiêm bắp",
        ticket: 12, person: F.duc)

    @Test("F3 records the event; anaphylaxis is serious whatever the severity typed; a wrong field says why")
    func record() {
        var state = F.desk(at: .observation, staffIndex: 3)
        let entry = F.entry(F.duc, ticket: 12, stage: .inObservation, minutesAgo: 8, dueInMinutes: 22)
        _ = state.answerQueue(.inObservation, [entry])
        _ = state.send(.key(.function(3)))
        // The onset is now, the severity "t" (common); the cursor waits on the signs.
        #expect(state.render().0.text.contains("Giờ xuất hiện *    09:15"))
        _ = state.type("Khó thở, mẩn đỏ")
        _ = state.send(.key(.tab))
        _ = state.send(.key(.tab))
        _ = state.type("V")
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.render().0.text.contains(state.context.strings["aefi.badGrade"]))
        _ = state.send(.key(.backspace))
        _ = state.type("II")
        // WHO asks for the history and a contact: a phone that is not one is said so.
        for _ in 0..<3 { _ = state.send(.key(.tab)) }
        _ = state.type("Hen phế quản")
        _ = state.send(.key(.tab))
        _ = state.type("12345")
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.render().0.text.contains(state.context.strings["roster.badPhone"]))
        for _ in 0..<5 { _ = state.send(.key(.backspace)) }
        _ = state.type("0912 345 678")
        Golden.check(state.render().0, "observation-aefi")
        let effects = state.send(.key(.enter))
        guard case .recordAdverseEvent(let event, _)? = effects.first?.as(ObservationEffect.self) else { Issue.record("\(effects)"); return }
        #expect(event.visitID == entry.visitID)
        #expect(event.severity == .serious && event.anaphylaxisGrade == 2 && event.signs == "Khó thở, mẩn đỏ")
        #expect(event.medicalHistory == "Hen phế quản" && event.reporterContact == "0912345678")
        #expect(abs(event.onset.timeIntervalSince(F.now)) < 60)
    }

    @Test("a serious event shows on every desk; the site lead's desk stops until it is acknowledged")
    func alert() {
        var nurse = F.desk(at: .checkIn)
        _ = nurse.answer(.alertsLoaded([Self.anaphylaxis]))
        let banner = nurse.render().0.text
        #expect(banner.contains("⚠ PHẢN ỨNG NẶNG · Số 12 · Nguyễn Văn Đức · phản vệ độ II · 09:13"))
        // Enter at the nurse's desk is hers: it does not acknowledge the event, which stays on her screen.
        let nurseEnter = nurse.send(.key(.enter))
        #expect(!nurseEnter.contains { if case .acknowledgeAlert? = $0.as(AppEffect.self) { true } else { false } }, "\(nurseEnter)")
        #expect(nurse.render().0.text.contains("⚠ PHẢN ỨNG NẶNG"))
        var lead = F.signedIn(staffIndex: 4)
        _ = lead.answer(.alertsLoaded([Self.anaphylaxis]))
        Golden.check(lead.render().0, "alert-site-lead")
        #expect(lead.send(.key(.enter)) == [AppEffect.acknowledgeAlert(Self.anaphylaxis.id, by: F.staff[4].id)])
        #expect(!lead.render().0.text.contains("PHẢN ỨNG NẶNG"))
    }
}

@Suite("The certificate at discharge")
struct CertificateDeskTests {
    typealias F = DeskFixture

    /// The observation nurse's desk as Đức is discharged; what it asks for then.
    static func discharging() -> (state: AppState, entry: QueueEntry, effects: [AnyEffect]) {
        var state = F.desk(at: .observation, staffIndex: 3)
        let entry = F.entry(F.duc, ticket: 12, stage: .inObservation, minutesAgo: 31, dueInMinutes: -1)
        _ = state.answerQueue(.inObservation, [entry])
        _ = state.send(.key(.enter))
        _ = state.send(.key(.enter))
        let effects = state.answer(ObservationAnswer.discharged)
        return (state, entry, effects)
    }

    @Test("discharge loads the certificate: every dose, the record reference and its QR code; F5 prints it")
    func certificate() {
        var (state, entry, effects) = Self.discharging()
        #expect(effects == [ObservationEffect.loadCertificate(visitID: entry.visitID, by: state.context.user!.id)])
        // The address is longer than the room beside the QR code: it goes on below, whole.
        var person = F.duc
        person.address = "số 8 đường Mạc Cửu, Phường Vĩnh Thanh Vân, Rạch Giá, Kiên Giang"
        let certificate = Certificate(
            person: person,
            doses: [
                Certificate.Dose(number: 1, productCode: "astrazeneca", lotNumber: "A1089", day: "2021-08-10", place: "TYT Phường 5"),
                Certificate.Dose(number: 2, productCode: "pfizer", lotNumber: "FK5127", day: "2026-11-26", place: "Trạm Y tế"),
            ],
            siteName: "Trạm Y tế Phường Vĩnh Thanh Vân",
            reference: UUID(uuidString: "019A6B2C-1D2E-7F30-8A41-B52C63D74E85")!, issuedAt: F.now)
        _ = state.answer(ObservationAnswer.certificateLoaded(certificate))
        Golden.check(state.render().0, "observation-certificate")
        #expect(state.send(.key(.function(5))) == [ObservationEffect.printCertificate(certificate, by: F.staff[3].id)])
    }

    @Test("a signed certificate names its identifier; its code, larger than 80×24, is not cut: the screen says what window shows it")
    func signedCertificate() {
        var state = Self.discharging().state
        // An HC1 text as long as a two-dose certificate's (its QR code is 89 modules).
        let hc1 = "HC1:" + String(repeating: "NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOOK.IR9B+9G4G50PHZF0AT4V22F/8X*G3M9JUPY0BX/KR96R", count: 7)
        let signed = IssuedCertificate(
            id: UUID(uuidString: "019A6B2C-1D2E-7F30-8A41-B52C63D74E86")!, identifier: "URN:UVCI:01:VN:91RGVTV/XJCHWK7MVU6LNWWVTF3H",
            personID: F.duc.id, kid: "4ab4cc96f4861108", contentDigest: "", hc1: hc1, issuedAt: F.now, expiresAt: F.now + 86_400)
        let certificate = Certificate(
            person: F.duc,
            doses: [Certificate.Dose(number: 1, productCode: "pfizer", lotNumber: "FK5127", day: "2026-11-26", place: "Trạm Y tế")],
            siteName: "Trạm Y tế Phường Vĩnh Thanh Vân",
            reference: UUID(uuidString: "019A6B2C-1D2E-7F30-8A41-B52C63D74E85")!, issuedAt: F.now, signed: signed)
        _ = state.answer(ObservationAnswer.certificateLoaded(certificate))
        Golden.check(state.render().0, "observation-certificate-signed")
    }

    @Test("a person with an event is marked on the board; after a serious one, discharge asks referred (where to) or how they are")
    func leavingAfterASeriousEvent() {
        var state = F.desk(at: .observation, staffIndex: 3)
        var serious = F.entry(F.duc, ticket: 12, stage: .inObservation, minutesAgo: 31, dueInMinutes: -1)
        serious.adverseEvent = .serious
        serious.adverseEventUnresolved = true
        var common = F.entry(F.ha, ticket: 13, stage: .inObservation, minutesAgo: 20, dueInMinutes: 10)
        common.adverseEvent = .common
        _ = state.answerQueue(.inObservation, [serious, common])
        let board = state.render().0.text
        #expect(board.contains("[PƯSTC NẶNG] " + F.duc.fullName) && board.contains("[PƯSTC] " + F.ha.fullName), "\(board)")
        Golden.check(state.render().0, "observation-aefi-board")

        // Due, but not discharged with Enter Enter: the end must be chosen.
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.send(.key(.enter)).isEmpty)
        #expect(state.notice?.text == state.context.strings["observation.outcomeRequired"])
        _ = state.type("1")
        #expect(state.send(.key(.enter)).isEmpty, "referred, but where to is not typed")
        _ = state.type("Bệnh viện 115")
        Golden.check(state.render().0, "observation-aefi-outcome")
        #expect(state.send(.key(.enter)) == [ObservationEffect.discharge(
            visitID: serious.visitID, earlyReason: nil, adverseEvent: .referred(to: "Bệnh viện 115"), by: F.staff[3].id)])

        // Or how they are: 3 is "recovering".
        var other = F.desk(at: .observation, staffIndex: 3)
        _ = other.answerQueue(.inObservation, [serious, common])
        _ = other.send(.key(.enter))
        _ = other.type("3")
        #expect(other.send(.key(.enter)) == [ObservationEffect.discharge(
            visitID: serious.visitID, earlyReason: nil, adverseEvent: .outcome(.recovering), by: F.staff[3].id)])
    }

    @Test("leaving early after a common event asks for the decision, in those words")
    func earlyAfterACommonEvent() {
        var state = F.desk(at: .observation, staffIndex: 3)
        var common = F.entry(F.ha, ticket: 13, stage: .inObservation, minutesAgo: 20, dueInMinutes: 10)
        common.adverseEvent = .common
        _ = state.answerQueue(.inObservation, [common])
        _ = state.send(.key(.enter))
        #expect(state.render().0.text.contains("Có phản ứng sau tiêm: ghi quyết định"))
    }

    @Test("the certificate says an adverse event was recorded after the dose")
    func certificateSaysSo() {
        let state = F.desk(at: .observation, staffIndex: 3)
        let certificate = Certificate(
            person: F.duc,
            doses: [Certificate.Dose(number: 1, productCode: "astrazeneca", lotNumber: "A1", day: "2021-08-01", place: "Trạm Y tế"),
                    Certificate.Dose(number: 2, productCode: "pfizer", lotNumber: "FK5127", day: "2021-10-01", place: "Trạm Y tế",
                                     adverseEvent: .serious)],
            siteName: "Trạm Y tế", reference: UUID(), issuedAt: F.now)
        let page = CertificatePage.printable(certificate, state.context)
        #expect(page.contains(state.context.strings["certificate.aefiSerious"]), "\(page)")
        #expect(page.components(separatedBy: "phản ứng").count == 2, "once, under the dose it followed")
    }
}
