import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// What the command line may do to a real site and what it shows: simulated work and `--fresh` only on
/// a demo, whole numbers only to a signed-in staff member, no control character on the terminal, files
/// with personal data 0600, a token file others can read refused, no plain HTTP to another machine.
@Suite("The site's command line, safe on a real site", .serialized)
struct SiteSafetyTests {
    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test("simulate and demo --fresh refuse a real site's database; --fresh on a demo asks first")
    func realSiteUntouched() throws {
        let real = try StoreFixture(people: 20)
        let path = real.directory.file("site.db")
        let simulated = try BuiltProgram.runWithErrors(["simulate", "--db", path, "--people", "5"])
        #expect(simulated.status == 1 && simulated.errors.contains("điểm tiêm thật"), "\(simulated.errors)")
        #expect(try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM visit") == 0, "not one simulated visit")
        let fresh = try BuiltProgram.runWithErrors(["demo", "--db", path, "--fresh", "--yes", "--setup-only"])
        #expect(fresh.status == 1 && fresh.errors.contains("--fresh"), "\(fresh.errors)")
        #expect(try real.database.rosterCount() == 20, "the real site is all there")

        let demo = real.directory.file("demo.db")
        #expect(try BuiltProgram.run(["demo", "--db", demo, "--people", "30", "--setup-only"]).status == 0)
        #expect(try BuiltProgram.run(["simulate", "--db", demo, "--people", "5", "--desks", "1"]).status == 0)
        let kept = try BuiltProgram.runWithErrors(["demo", "--db", demo, "--fresh", "--setup-only"], input: "no\n")
        #expect(kept.status == 1 && kept.errors.contains("Xóa điểm tiêm thử"), "\(kept.errors)")
        #expect(try SQLiteShell.scalar(demo, "SELECT COUNT(*) FROM visit") > 0, "kept as it was")
        #expect(try BuiltProgram.run(["demo", "--db", demo, "--fresh", "--setup-only", "--people", "30"], input: "xoa\n").status == 0)
        #expect(try SQLiteShell.scalar(demo, "SELECT COUNT(*) FROM visit") == 0, "made anew")
    }

    @Test("search shows whole numbers only to a staff member who signs in (audited); a name's escape sequences never reach the terminal")
    func searchOutput() throws {
        let directory = TemporaryDirectory("search-out")
        let db = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", db, "--people", "10", "--setup-only"]).status == 0)
        let csv = directory.file("roster.csv")
        try ("Ho va ten;Ngay sinh;Gioi tinh;So CCCD/CMND;SDT\n"
            + "\"Nguyễn Văn \u{1B}]0;pwned\u{07}Đức\u{9B}2J\";07/03/1985;Nam;091085012345;0912345678\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try BuiltProgram.run(["import", "roster", csv, "--db", db, "--by", "PT01"], input: "2468\n").status == 0)
        let masked = try BuiltProgram.run(["search", "--db", db, "091085012345"])
        #expect(masked.output.contains("•••2345") && !masked.output.contains("091085012345"))
        #expect(masked.output.unicodeScalars.allSatisfy { !Printable.isControl($0) || ["\n", "\t"].contains($0) })
        #expect(!masked.output.contains("\u{1B}") && !masked.output.contains("\u{07}") && !masked.output.contains("\u{9B}"))
        #expect(masked.output.contains("Nguyễn Văn ]0;pwnedđức2j"), "the text stays, the controls go: \(masked.output)")
        let whole = try BuiltProgram.run(["search", "--db", db, "--by", "DD01", "--json", "091085012345"], input: "1111\n")
        #expect(whole.status == 0 && whole.output.contains("\"091085012345\"") && whole.output.contains("\"0912345678\""))
        #expect(try SQLiteShell.text(db, "SELECT detail FROM audit WHERE action = 'roster-search'") == "1 for «091085012345»")
    }

    @Test("an export to a file and a saved certificate are 0600; a token file others can read is refused; plain HTTP to another machine is refused")
    func filesAndTransport() throws {
        let directory = TemporaryDirectory("site-files")
        let db = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", db, "--people", "10", "--setup-only"]).status == 0)
        let out = directory.file("bundle.json")
        let exported = try BuiltProgram.run(["export", "fhir", "--db", db, "--by", "PT01", "--out", out], input: "2468\n")
        #expect(exported.status == 0 && exported.output.contains(out))
        #expect(try Self.mode(out) == 0o600)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("\"resourceType\":\"Bundle\""))

        let token = directory.file("token")
        FileManager.default.createFile(atPath: token, contents: Data("x.y".utf8), attributes: [.posixPermissions: 0o644])
        let open = try BuiltProgram.runWithErrors(["sync", "--db", db, "--once", "--central", "http://127.0.0.1:9/fhir", "--token-file", token])
        #expect(open.status == 1 && open.errors.contains("chmod 600"), "\(open.errors)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        let plain = try BuiltProgram.runWithErrors(["sync", "--db", db, "--once", "--central", "http://central.example/fhir", "--token-file", token])
        #expect(plain.status == 1 && plain.errors.contains("--insecure-http"), "\(plain.errors)")
    }
}
