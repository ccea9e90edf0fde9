import Foundation
import Testing
import TestSupport
import VaxStore

/// A person vaccinated at another site of the district arrives here: the last look shows that dose,
/// pulled from the centre before they came, and the dose it will be today.
@Suite("A dose from another site at the last look", .serialized)
struct PulledDoseEndToEndTests {
    @Test("dose 1 at site A; pulled at site B, whose roster has the person under their CCCD; B's last look shows it and offers dose 2")
    func lastLookShowsPulledDose() throws {
        let directory = TemporaryDirectory("e2e-pulled")
        let siteA = try DeskEndToEndTests.site(in: directory)
        let work = try SiteWork(path: siteA)
        _ = try work.injected(try work.nhung(), at: Date().addingTimeInterval(-60 * 86_400))
        let central = try CentralServer(in: directory)
        let area = ["--province", "91", "--district", "899"]
        let tokens = [try central.addSite("site-A", area), try central.addSite("site-B", area)].enumerated().map { index, token in
            let file = directory.file("token-\(index)")
            FileManager.default.createFile(atPath: file, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
            return file
        }
        try central.start()
        defer { central.stop() }
        let centre = ["--central", central.baseURL + "/fhir"]
        #expect(try BuiltProgram.run(["sync", "--once", "--db", siteA, "--token-file", tokens[0]] + centre).status == 0)

        let other = TemporaryDirectory("e2e-pulled-b")
        let siteB = try DeskEndToEndTests.site(in: other)
        let pulled = try BuiltProgram.run(["sync", "--pull", "--db", siteB, "--token-file", tokens[1], "--lang", "en"] + centre)
        #expect(pulled.status == 0 && pulled.output.contains("1 doses"), "\(pulled.output)")

        let desk = try TmuxDesk(DeskEndToEndTests.deskCommand(siteB), name: "pulled")
        try DeskEndToEndTests.signInAtCheckIn(desk)
        try desk.type("nhung 1990")
        try desk.expect("Nguyễn Thị Hồng Nhung")
        try desk.press("Enter")
        let look = try desk.expect("mũi 2 (cơ bản)")
        #expect(look.contains("Mũi 1: Pfizer"), "the dose given at site A: \(look)")
        try desk.press("Escape", "F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }
}
