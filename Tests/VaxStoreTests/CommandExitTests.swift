import Foundation
import Testing
import TestSupport

/// A command that refuses says why and exits 1; only malformed arguments print the usage and exit 64.
@Suite("What commands say when they refuse")
struct CommandExitTests {
    @Test("a refusal: the message alone, in Vietnamese, exit status 1")
    func refusal() throws {
        let directory = TemporaryDirectory("refusal")
        let path = directory.file("site.db")
        try BuiltProgram.run(["demo", "--db", path, "--people", "20", "--setup-only"])
        let (status, _, errors) = try BuiltProgram.runWithErrors(["audit", "list", "--by", "XX99", "--db", path], input: "1234\n")
        #expect(status == 1)
        #expect(errors.contains("Không có nhân viên"), "\(errors)")
        #expect(!errors.contains("Usage:"), "no usage text for a refusal: \(errors)")
    }

    @Test("malformed arguments: the usage, exit status 64")
    func usage() throws {
        let (status, _, errors) = try BuiltProgram.runWithErrors(["search", "--limit", "0", "duc"])
        #expect(status == 64)
        #expect(errors.contains("Usage:"), "\(errors)")
    }
}
