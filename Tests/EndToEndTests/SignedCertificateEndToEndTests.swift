import Foundation
import Testing
import TestSupport
import VaxStore

/// The signed certificate at the observation desk, in a real terminal: the centre issues the site its
/// signing certificate offline (a request file carried both ways), the nurse discharges, and the HC1 QR
/// code read off the screen by zbarimg verifies with the centre's trust list.
@Suite("The signed certificate at the desk", .serialized)
struct SignedCertificateEndToEndTests {
    @Test("discharge shows the signed QR code whole in a window large enough; zbarimg reads it, and both verifiers say valid")
    func signedAtDischarge() throws {
        let directory = TemporaryDirectory("e2e-signed")
        let path = try DeskEndToEndTests.site(in: directory)
        let work = try SiteWork(path: path)
        _ = try work.injected(try work.nhung(), at: Date().addingTimeInterval(-31 * 60))

        // The offline path: request → the centre's `signing issue` → install.
        let central = try CentralServer(in: directory)
        let key = directory.file("csca.key"), request = directory.file("site.csr"), issued = directory.file("site.pem")
        _ = try central.command(["signing", "init", "--key-file", key])
        #expect(try BuiltProgram.run(["signing", "request", "--db", path, "--by", "PT01", "--out", request], input: "2468\n").status == 0)
        _ = try central.command(["signing", "issue", "91-RG-VTV", "--request", request, "--signing-key", key, "--out", issued])
        let install = try BuiltProgram.run(["signing", "install", issued, "--db", path, "--by", "PT01", "--lang", "en"], input: "2468\n")
        #expect(install.status == 0 && install.output.contains("Signing certificate installed"), "\(install.output)")
        try central.start(options: ["--signing-key", key])
        defer { central.stop() }
        let trustList = directory.file("trust-list.json")
        #expect(Spawn.status(["curl", "-sf", "-o", trustList, central.baseURL + "/trust-list"]) == 0)

        let desk = try TmuxDesk(DeskEndToEndTests.deskCommand(path), name: "signed", columns: 140, rows: 60)
        try DeskEndToEndTests.signIn(desk, as: .mai)
        try desk.press("Enter")
        try desk.expect("✓ Đủ giờ")
        try desk.press("Enter", "Enter")
        let page = try desk.expect("URN:UVCI:01:VN:91RGVTV/")
        #expect(page.contains("Họ và tên: Nguyễn Thị Hồng Nhung"))
        let hc1 = try #require(try ScreenQRCode.decode(page, in: directory))
        #expect(hc1.hasPrefix("HC1:"))
        let read = try HC1Verifier.verify(hc1, trustList: trustList)
        #expect(read["valid"] as? Bool == true && read["fn"] as? String == "Nguyễn" && read["gnt"] as? String == "THI<HONG<NHUNG",
                "\(read)")
        #expect(read["dob"] as? String == "1990-05-19" && read["mp"] as? String == "EU/1/20/1528")
        // Our verifier, from the picture zbarimg read.
        let ours = try BuiltProgram.run(["verify-certificate", "--image", directory.file("screen-qr.pbm"), "--trust-list", trustList,
                                         "--lang", "en"])
        #expect(ours.status == 0 && ours.output.hasPrefix("VALID") && ours.output.contains("Nguyễn Thị Hồng Nhung"), "\(ours.output)")

        // Saved: the page holds the HC1 text, for a verifier without a camera.
        try desk.press("F5")
        try desk.expect("Đã lưu giấy xác nhận")
        let saved = try FileManager.default.contentsOfDirectory(atPath: directory.file("certificates"))
        let text = try String(contentsOfFile: directory.file("certificates/" + (saved.first ?? "")), encoding: .utf8)
        #expect(text.contains(hc1))
        try desk.press("Enter", "F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }

    @Test("a certificate from another site scanned at check-in: checked with the lists the site keeps, its doses added as paper doses with F4")
    func scannedAtCheckIn() throws {
        // Site A vaccinated Nhung and signs her certificate.
        let directory = TemporaryDirectory("e2e-scanned")
        let siteA = try DeskEndToEndTests.site(in: directory)
        let work = try SiteWork(path: siteA)
        _ = try work.injected(try work.nhung(), at: Date().addingTimeInterval(-31 * 60))
        let central = try CentralServer(in: directory)
        let key = directory.file("csca.key"), request = directory.file("a.csr"), issued = directory.file("a.pem")
        _ = try central.command(["signing", "init", "--key-file", key])
        #expect(try BuiltProgram.run(["signing", "request", "--db", siteA, "--by", "PT01", "--out", request], input: "2468\n").status == 0)
        _ = try central.command(["signing", "issue", "91-RG-VTV", "--request", request, "--signing-key", key, "--out", issued])
        #expect(try BuiltProgram.run(["signing", "install", issued, "--db", siteA, "--by", "PT01"], input: "2468\n").status == 0)
        let person = try SQLiteShell.text(siteA, "SELECT id FROM person WHERE identity_number = '091190004321'")
        let hc1 = try BuiltProgram.run(["certificate", "--db", siteA, "--by", "PT01", "--person", person, "--format", "hc1"],
                                       input: "2468\n").output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hc1.hasPrefix("HC1:"))
        try central.start(options: ["--signing-key", key])
        defer { central.stop() }
        let trustList = directory.file("trust.json"), revocations = directory.file("revocations.json")
        #expect(Spawn.status(["curl", "-sf", "-o", trustList, central.baseURL + "/trust-list"]) == 0)
        #expect(Spawn.status(["curl", "-sf", "-o", revocations, central.baseURL + "/revocations"]) == 0)

        // Site B has Nhung on its roster with no dose, and keeps the centre's lists.
        let other = TemporaryDirectory("e2e-scanned-b")
        let siteB = try DeskEndToEndTests.site(in: other)
        let kept = try BuiltProgram.run(["signing", "lists", "--db", siteB, "--trust-list", trustList, "--revocations", revocations,
                                         "--lang", "en"])
        #expect(kept.status == 0 && kept.output.contains("1 signers"), "\(kept.output)")
        let desk = try TmuxDesk(DeskEndToEndTests.deskCommand(siteB), name: "scanned")
        try DeskEndToEndTests.signInAtCheckIn(desk)
        // The scanner types the QR code's text and Enter.
        try desk.type(hc1)
        try desk.press("Enter")
        let found = try desk.expect("Giấy chứng nhận hợp lệ (1 mũi): Nguyễn Thị Hồng Nhung, 19/05/1990")
        #expect(found.contains("•••4321"), "the holder found on the roster: \(found)")
        try desk.press("Enter")
        let look = try desk.expect("Trong giấy chứng nhận, chưa có trong hồ sơ")
        #expect(look.contains("ký bởi Trạm") && look.contains("Mũi 1: Pfizer"), "\(look)")
        try desk.press("F4")
        let form = try desk.expect("Nơi tiêm     Trạm Y tế Phường Vĩnh Thanh Vân")
        #expect(form.contains("pfizer") && form.contains("Mũi số *     1"), "\(form)")
        try desk.press("Enter")
        // Saved: the dose is on record here, and the certificate has nothing left to add.
        let after = try desk.expect("mũi 2 (cơ bản)")
        #expect(!after.contains("Trong giấy chứng nhận, chưa có"), "\(after)")
        #expect(try SQLiteShell.text(siteB, """
            SELECT COUNT(*) FROM prior_dose d JOIN person p ON p.id = d.person_id WHERE p.identity_number = '091190004321'
            """) == "1")

        // A certificate changed by one character is refused, and nothing is offered.
        try desk.press("Escape", "Escape")
        var changed = Array(hc1)
        changed[changed.count / 2] = changed[changed.count / 2] == "A" ? "B" : "A"
        try desk.type(String(changed))
        try desk.press("Enter")
        try desk.expect("KHÔNG hợp lệ")
        try desk.press("F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }
}
