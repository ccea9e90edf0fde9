import Crypto
import Foundation
import Testing
import TestSupport
import VaxCore
@testable import VaxStore

/// The site's PIN key, a file beside the database: without it a copy of the database cannot check a
/// single PIN, and with it everything works as before; it goes with every backup and comes back with a
/// restore.
@Suite("PIN hashes need the site key", .serialized)
struct SiteKeyTests {
    /// A demo site made by the real program: its staff's PINs hashed with a new key.
    static func site(_ directory: TemporaryDirectory) throws -> String {
        let path = directory.file("site.db")
        #expect(try BuiltProgram.run(["demo", "--db", path, "--people", "20", "--setup-only"]).status == 0)
        return path
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("set-up makes the key (0600); every PIN is keyed; PBKDF2 of the right PIN alone does not match the stored hash")
    func keyedAtSetUp() throws {
        let directory = TemporaryDirectory("site-key")
        let path = try Self.site(directory)
        #expect(try Self.mode(path + ".key") == 0o600)
        #expect(try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM staff WHERE pin_hash IS NOT NULL AND pin_keyed = 0") == 0)
        #expect(try SQLiteShell.scalar(path, "SELECT COUNT(*) FROM staff WHERE pin_keyed = 1") > 0)
        // What a thief with the database alone would try: the right PIN, the stored salt and rounds.
        let row = try SQLiteShell.text(path, "SELECT pin_hash || '|' || pin_salt || '|' || pin_rounds FROM staff WHERE code = 'DD01'")
            .split(separator: "|").map(String.init)
        let guess = try PINHash(pin: "1111", salt: try #require(Data(hex: row[1])), rounds: try #require(Int(row[2])), key: nil)
        #expect(guess.hash.hex != row[0], "the right PIN does not match without the key")
        #expect(try AppDatabase(path: path).signIn(code: "DD01", pin: "1111", at: Date()).code == "DD01")
    }

    @Test("a copy of the database without its key signs no one in, says why, and counts no attempt; the key put back, it does")
    func databaseAloneIsNotEnough() throws {
        let directory = TemporaryDirectory("site-key-stolen")
        let path = try Self.site(directory)
        let record = try AppDatabase(path: path).backUp(into: directory.file("usb"), keep: 2, at: Date())
        #expect(try Self.mode(record.path + ".key") == 0o600, "the key is beside the backup")
        let copy = directory.file("copy.db")
        try FileManager.default.copyItem(atPath: record.path, toPath: copy)

        let stolen = try AppDatabase(path: copy)
        #expect(throws: SiteKeyProblem.missing(copy + ".key")) { try stolen.signIn(code: "DD01", pin: "1111", at: Date()) }
        #expect(try SQLiteShell.scalar(copy, "SELECT failed_pins FROM staff WHERE code = 'DD01'") == 0, "nothing counted")
        // Nor does a new PIN make a new key over the old PINs.
        let lead = try #require(try stolen.staff().first { $0.code == "PT01" })
        #expect(throws: SiteKeyProblem.self) { try stolen.setPIN("9999", forCode: "DD01", by: lead.id, at: Date()) }
        #expect(!FileManager.default.fileExists(atPath: copy + ".key"))
        let command = try BuiltProgram.runWithErrors(["search", "nguyen", "--db", copy, "--by", "DD01", "--lang", "vi"], input: "1111\n")
        #expect(command.status != 0)
        #expect(command.errors.contains("Thiếu tệp khóa của cơ sở \(copy).key"), "\(command.errors)")

        try FileManager.default.copyItem(atPath: record.path + ".key", toPath: copy + ".key")
        #expect(try stolen.signIn(code: "DD01", pin: "1111", at: Date()).code == "DD01")
    }

    @Test("a PIN hashed before the key signs in and is hashed again with it")
    func olderHashUpgraded() throws {
        let directory = TemporaryDirectory("site-key-upgrade")
        let path = try Self.site(directory)
        let old = try PINHash(pin: "1111", salt: Data(repeating: 7, count: 16), rounds: PINHash.rounds, key: nil)
        _ = try SQLiteShell.text(path, """
            UPDATE staff SET pin_hash = '\(old.hash.hex)', pin_salt = '\(old.salt.hex)', pin_keyed = 0 WHERE code = 'DD01'
            """)
        let database = try AppDatabase(path: path)
        #expect(try database.signIn(code: "DD01", pin: "1111", at: Date()).code == "DD01")
        #expect(try SQLiteShell.scalar(path, "SELECT pin_keyed FROM staff WHERE code = 'DD01'") == 1)
        #expect(try SQLiteShell.text(path, "SELECT pin_hash FROM staff WHERE code = 'DD01'") != old.hash.hex)
        #expect(try database.signIn(code: "DD01", pin: "1111", at: Date()).code == "DD01")
        #expect(throws: SignInRefusal.self) { try database.signIn(code: "DD01", pin: "1112", at: Date()) }
    }

    @Test("a restore puts the backup's key beside the database and keeps the one there beside the database set aside")
    func restoreBringsTheKey() throws {
        let directory = TemporaryDirectory("site-key-restore")
        let path = try Self.site(directory)
        let record = try AppDatabase(path: path).backUp(into: directory.file("usb"), keep: 2, at: Date())
        let target = directory.file("restored/site.db")
        _ = try Restore.restore(from: record.path, to: target, force: false, at: Date())
        #expect(try Self.mode(target + ".key") == 0o600)
        #expect(try AppDatabase(path: target).signIn(code: "DD01", pin: "1111", at: Date()).code == "DD01")

        // Over a database that is there: its key goes aside with it.
        let before = try String(contentsOfFile: path + ".key", encoding: .utf8)
        let outcome = try Restore.restore(from: record.path, to: path, force: true, at: Date().addingTimeInterval(60))
        let aside = try #require(outcome.setAside)
        #expect(try String(contentsOfFile: aside + ".key", encoding: .utf8) == before)
        #expect(try AppDatabase(path: path).signIn(code: "DD01", pin: "1111", at: Date()).code == "DD01")
    }

    @Test("a key file others may read is refused with what to do")
    func keyReadableByOthers() throws {
        let directory = TemporaryDirectory("site-key-mode")
        let path = try Self.site(directory)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path + ".key")
        #expect(throws: SiteKeyProblem.readableByOthers(path + ".key")) {
            try AppDatabase(path: path).signIn(code: "DD01", pin: "1111", at: Date())
        }
        #expect(SiteKeyProblem.readableByOthers(path + ".key").description.contains("chmod 600"))
    }
}
