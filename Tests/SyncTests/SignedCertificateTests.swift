import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// Signed certificates end to end, with the real binaries: the centre's signing authority, a site that
/// asks it for its signing certificate over loopback, a certificate signed with no network, and
/// verifiers that read it — ours, and one built on libraries we did not write.
@Suite("Signed certificates", .serialized)
struct SignedCertificateTests {
    /// A simulated site whose signer the centre issued (`vaxdesk signing request --send`).
    struct SigningSite {
        let directory: TemporaryDirectory
        let path: String
        let central: CentralServer
        let postgres: PostgresServer?

        init(_ name: String, storage: SyncTests.Storage = .sqlite) throws {
            directory = TemporaryDirectory(name)
            postgres = storage == .postgres ? try PostgresServer() : nil
            path = try SyncTests.simulatedSite(directory, people: 40)
            central = try CentralServer(in: directory, postgres: postgres?.url)
            let key = directory.file("csca.key")
            #expect(try central.command(["signing", "init", "--key-file", key]).contains("signing authority made"))
            try central.start(options: ["--signing-key", key])
            let enrol = try BuiltProgram.runWithErrors(
                ["signing", "request", "--db", path, "--by", "PT01", "--send", "--central", central.baseURL + "/fhir",
                 "--token-file", central.tokenFile(in: directory), "--lang", "en"], input: "2468\n")
            #expect(enrol.status == 0 && enrol.output.contains("Signing certificate installed"), "\(enrol.errors)")
        }

        /// Someone vaccinated at the site today.
        func injectedPerson() throws -> String {
            try SQLiteShell.text(path, "SELECT v.person_id FROM injection i JOIN visit v ON v.id = i.visit_id ORDER BY i.rowid LIMIT 1")
        }

        func hc1(_ person: String) throws -> String {
            let run = try BuiltProgram.runWithErrors(
                ["certificate", "--db", path, "--by", "PT01", "--person", person, "--format", "hc1"], input: "2468\n")
            #expect(run.status == 0, "\(run.errors)")
            return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// GET `route` of the centre into a file (the lists are open to anyone: no token).
        func download(_ route: String) async throws -> String {
            let answer = try await SyncTests.get(central.baseURL + "/" + route, token: nil)
            #expect(answer.status == 200, "\(answer.body)")
            let file = directory.file(route + ".json")
            try answer.body.write(toFile: file, atomically: true, encoding: .utf8)
            return file
        }

        func verify(_ hc1: String, trustList: String, revocations: String? = nil) throws -> (status: Int32, output: String) {
            try BuiltProgram.run(["verify-certificate", hc1, "--trust-list", trustList, "--lang", "en"]
                + (revocations.map { ["--revocations", $0] } ?? []))
        }
    }

    @Test("signed at the site, verified by an independent verifier (cbor2, pycose, base45) and by ours; one changed character is refused by both")
    func independentlyVerified() async throws {
        let site = try SigningSite("signed-certificate")
        defer { site.central.stop() }
        let person = try site.injectedPerson()
        let hc1 = try site.hc1(person)
        #expect(hc1.hasPrefix("HC1:"))
        let trustList = try await site.download("trust-list")

        let read = try HC1Verifier.verify(hc1, trustList: trustList)
        #expect(read["valid"] as? Bool == true, "\(read)")
        let dose = try SQLiteShell.text(site.path, """
            SELECT i.dose_number || '|' || i.product_code || '|' || se.day FROM injection i JOIN visit v ON v.id = i.visit_id
            JOIN session se ON se.id = v.session_id WHERE v.person_id = '\(person)' ORDER BY i.injected_at DESC LIMIT 1
            """).split(separator: "|").map(String.init)
        let catalog = try #require(SyncTests.catalog.product(dose[1]))
        #expect(read["dn"] as? Int == Int(dose[0]) && read["dt"] as? String == dose[2], "the latest dose first: \(read)")
        #expect(read["mp"] as? String == catalog.certificate.product && read["ma"] as? String == catalog.certificate.manufacturer)
        #expect(read["sd"] as? Int == max(catalog.primaryDoses, Int(dose[0]) ?? 0))
        #expect(read["tg"] as? String == "840539006" && read["co"] as? String == "VN" && read["iss"] as? String == "VN")
        #expect((read["ci"] as? String)?.hasPrefix("URN:UVCI:01:VN:") == true)
        let named = try SQLiteShell.text(site.path, "SELECT full_name || '|' || birth_date FROM person WHERE id = '\(person)'")
            .split(separator: "|").map(String.init)
        #expect(read["fn"] as? String == named[0].split(separator: " ").first.map(String.init))
        #expect(read["fnt"] as? String == (read["fn"] as? String).map { $0.folding(options: .diacriticInsensitive, locale: nil)
            .replacingOccurrences(of: "Đ", with: "D").uppercased() })
        #expect(read["dob"] as? String == named[1])

        let ours = try site.verify(hc1, trustList: trustList)
        #expect(ours.status == 0 && ours.output.hasPrefix("VALID") && ours.output.contains(named[0]), "\(ours.output)")

        // The PDF: its text as written (pdftotext reads it back, diacritics whole), its QR code the HC1 (zbarimg
        // reads it off the page as poppler draws it).
        let pdf = site.directory.file("certificate.pdf")
        let written = try BuiltProgram.runWithErrors(
            ["certificate", "--db", site.path, "--by", "PT01", "--person", person, "--format", "pdf", "--out", pdf], input: "2468\n")
        #expect(written.status == 0, "\(written.errors)")
        let text = Spawn.output(["pdftotext", "-layout", pdf, "-"])
        #expect(text.contains("GIẤY XÁC NHẬN ĐÃ TIÊM VẮC XIN COVID-19") && text.contains("Họ và tên: \(named[0])"), "\(text)")
        #expect(Spawn.status(["pdftoppm", "-r", "150", "-png", "-singlefile", pdf, site.directory.file("page")]) == 0)
        #expect(Spawn.output(["zbarimg", "--raw", "-q", site.directory.file("page.png")]).trimmingCharacters(in: .whitespacesAndNewlines) == hc1)

        // The same facts again: the same certificate, not a second one.
        #expect(try site.hc1(person) == hc1)
        #expect(try SQLiteShell.text(site.path, "SELECT COUNT(*) FROM issued_certificate") == "1")

        var changed = Array(hc1)
        changed[changed.count / 2] = changed[changed.count / 2] == "A" ? "B" : "A"
        let tampered = String(changed)
        #expect(try HC1Verifier.verify(tampered, trustList: trustList)["valid"] as? Bool == false)
        let refused = try site.verify(tampered, trustList: trustList)
        #expect(refused.status == 1 && refused.output.hasPrefix("INVALID"), "\(refused.output)")
    }

    @Test("a correction revokes the certificate at the site and, once pushed, at the centre; the new one has a new identifier",
          arguments: SyncTests.Storage.allCases)
    func correctedAndRevoked(storage: SyncTests.Storage) async throws {
        let site = try SigningSite("revoked-certificate", storage: storage)
        defer { site.central.stop() }
        let person = try site.injectedPerson()
        let before = try site.hc1(person)
        let corrected = try BuiltProgram.runWithErrors(
            ["person", "correct", "--db", site.path, "--by", "PT01", "--person", person, "--field", "phone", "--value", "0912 345 678",
             "--reason", "theo CCCD", "--lang", "en"], input: "2468\n")
        #expect(corrected.status == 0 && corrected.output.contains("issued again"), "\(corrected.output) \(corrected.errors)")
        let after = try site.hc1(person)
        #expect(after != before)
        let database = try AppDatabase(path: site.path)
        let issued = try database.issuedCertificates(personID: try #require(UUID(uuidString: person)))
        #expect(issued.count == 2 && !issued[0].isRevoked && issued[1].revocationReason == .corrected)
        #expect(issued[1].replacedBy == issued[0].identifier, "the old one names its replacement")
        let history = try BuiltProgram.run(["person", "history", "--db", site.path, "--by", "PT01", "--person", person, "--lang", "en"],
                                           input: "2468\n")
        #expect(history.output.contains("replaced by \(issued[0].identifier)"), "\(history.output)")

        // What goes to the centre is FHIR that validators we did not write take, R4 and R4B.
        let export = site.directory.file("export.json")
        #expect(try BuiltProgram.run(["export", "fhir", "--db", site.path, "--by", "PT01", "--out", export], input: "2468\n").status == 0)
        let verdict = try FHIRValidator.validate(export)
        #expect(verdict.valid && verdict.verdict.contains("valid FHIR R4B") && verdict.verdict.contains("DocumentReference"),
                "\(verdict.verdict)")
        let bundle = try String(contentsOfFile: export, encoding: .utf8)
        #expect(bundle.contains(#""status":"superseded""#) && bundle.contains(#""code":"replaces""#))

        // Before the centre hears of it, its revocation list does not name it; after the push it does.
        let trustList = try await site.download("trust-list")
        #expect(try site.verify(before, trustList: trustList, revocations: try await site.download("revocations")).status == 0)
        try await PersonCorrectionSyncTests.push(site.path, site.central, token: site.central.token)
        let revocations = try await site.download("revocations")
        let old = try site.verify(before, trustList: trustList, revocations: revocations)
        #expect(old.status == 1 && old.output.contains("INVALID") && old.output.contains(issued[1].identifier), "\(old.output)")
        #expect(try site.verify(after, trustList: trustList, revocations: revocations).status == 0)
    }

    @Test("a lost key: the centre revokes the site's signer, its certificates stop verifying, and a new one signs again")
    func lostKey() async throws {
        let site = try SigningSite("lost-key")
        defer { site.central.stop() }
        let person = try site.injectedPerson()
        let hc1 = try site.hc1(person)
        let kid = try SQLiteShell.text(site.path, "SELECT kid FROM document_signer")
        #expect(try site.central.command(["signing", "revoke", kid]).contains("revoked"))
        let trustList = try await site.download("trust-list")
        let refused = try site.verify(hc1, trustList: trustList)
        #expect(refused.status == 1 && refused.output.contains("kid \(kid)"), "\(refused.output)")
        #expect(try HC1Verifier.verify(hc1, trustList: trustList)["valid"] as? Bool == false)

        // The site's signing key file gone: the desk says so and gives the certificate unsigned.
        try FileManager.default.removeItem(atPath: site.path + ".signing-key")
        let missing = try BuiltProgram.runWithErrors(
            ["certificate", "--db", site.path, "--by", "PT01", "--person", person, "--format", "hc1", "--lang", "en"], input: "2468\n")
        #expect(missing.status == 1 && missing.errors.contains("signing key"), "\(missing.errors)")
        let status = try BuiltProgram.run(["signing", "status", "--db", site.path, "--lang", "en"])
        #expect(status.status == 1 && status.output.contains("MISSING"), "\(status.output)")

        // A new key and signer: the same facts signed again, by the new signer, valid on the new list.
        let enrol = try BuiltProgram.runWithErrors(
            ["signing", "request", "--db", site.path, "--by", "PT01", "--send", "--central", site.central.baseURL + "/fhir",
             "--token-file", site.central.tokenFile(in: site.directory)], input: "2468\n")
        #expect(enrol.status == 0, "\(enrol.errors)")
        let again = try site.hc1(person)
        #expect(again != hc1)
        let renewed = try await site.download("trust-list")
        #expect(try site.verify(again, trustList: renewed).status == 0)
        #expect(try HC1Verifier.verify(again, trustList: renewed)["valid"] as? Bool == true)
        #expect(try site.verify(hc1, trustList: renewed).status == 1, "the revoked signer's stays refused")
    }
}
