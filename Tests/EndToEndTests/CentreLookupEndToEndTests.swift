import Foundation
import Testing
import TestSupport
import VaxStore

/// A person the roster lacks, vaccinated at another site, comes to this one: the check-in nurse types
/// their CCCD, the desk asks the centre, and one key takes them onto the roster with that dose.
@Suite("Asking the centre at check-in, in a real terminal", .serialized)
struct CentreLookupEndToEndTests {
    @Test("dose 1 at site A; at site B, which never heard of her, her CCCD is asked of the centre and taken with Enter; offline, the desk says so")
    func lookUpAtCheckIn() throws {
        let directory = TemporaryDirectory("e2e-lookup")
        let siteA = try DeskEndToEndTests.site(in: directory)
        let work = try SiteWork(path: siteA)
        _ = try work.injected(try work.nhung(), at: Date().addingTimeInterval(-60 * 86_400))
        let central = try CentralServer(in: directory)
        let tokens = [try central.addSite("site-A", []), try central.addSite("site-B", [])].enumerated().map { index, token in
            let file = directory.file("token-\(index)")
            FileManager.default.createFile(atPath: file, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
            return file
        }
        try central.start()
        defer { central.stop() }
        let centre = "--central \(central.baseURL)/fhir"
        #expect(try BuiltProgram.run(["sync", "--once", "--db", siteA, "--token-file", tokens[0]] + centre.split(separator: " ").map(String.init)).status == 0)

        let other = TemporaryDirectory("e2e-lookup-b")
        let siteB = other.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", siteB, "--people", "50", "--setup-only"]).status == 0)
        let desk = try TmuxDesk(DeskEndToEndTests.deskCommand(siteB, "\(centre) --token-file \(tokens[1])"), name: "lookup")
        try DeskEndToEndTests.signInAtCheckIn(desk)
        try desk.type("091190004321")
        let found = try desk.expect("Trung tâm có 1 người mang số 091190004321")
        #expect(found.contains("Nguyễn Thị Hồng Nhung") && found.contains("Mũi 1: Pfizer"), "\(found)")
        try desk.press("Enter")
        let look = try desk.expect("mũi 2 (cơ bản)")
        #expect(look.contains("Mũi 1: Pfizer"), "the dose given at site A: \(look)")
        try desk.press("Escape")

        // Filed as the centre's: the person and the dose are read-only here and never sent back.
        #expect(try SQLiteShell.text(siteB, "SELECT source FROM person WHERE identity_number = '091190004321'") == "centre")
        #expect(try SQLiteShell.text(siteB, """
            SELECT COUNT(*) FROM outbox o JOIN prior_dose d ON d.id = o.record_id WHERE d.pulled_from IS NOT NULL
            """) == "0")
        #expect(try central.command(["access-log", "--who", "site-B"]).contains("lookup Patient\t091190004321\t1"))

        // The centre gone: the desk says it could not ask, and the walk-in path remains.
        central.stop()
        try desk.press("Escape")
        try desk.type("079085009999")
        try desk.expect("không hỏi được trung tâm")
        try desk.press("F3")
        try desk.expect("079085009999")
        try desk.press("Escape", "Escape", "F10")
        #expect(try desk.waitFor("EXITED") != nil)
    }
}
