import Foundation
import Testing
import TerminalKit

/// Compares a rendered screen with a golden text file kept beside the tests, under Golden/.
/// `VAXDESK_RECORD_GOLDEN=1 swift test` writes the files anew; review them with `git diff`.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ buffer: Buffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(name + ".txt")
        let actual = buffer.text + "\n"
        if ProcessInfo.processInfo.environment["VAXDESK_RECORD_GOLDEN"] == "1" {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("No golden file \(name).txt: record it with VAXDESK_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "screen \(name) differs from its golden file", sourceLocation: sourceLocation)
    }
}
