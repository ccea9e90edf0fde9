import Foundation
import GRDB
import Testing
import VaxStore

/// A storage failure is told by SQLite's result code, with a message in each language.
@Suite("Storage problems")
struct StorageProblemTests {
    @Test("result codes map to what the desk says", arguments: [
        (ResultCode.SQLITE_BUSY, StorageProblem.busy), (.SQLITE_FULL, .diskFull), (.SQLITE_IOERR_WRITE, .diskError),
        (.SQLITE_IOERR_FSYNC, .diskError), (.SQLITE_READONLY, .readOnly), (.SQLITE_CORRUPT, .damaged),
        (.SQLITE_NOTADB, .damaged), (.SQLITE_CANTOPEN, .cannotOpen), (.SQLITE_CONSTRAINT, .other),
    ])
    func byCode(code: ResultCode, problem: StorageProblem) {
        #expect(StorageProblem(DatabaseError(resultCode: code, message: "whatever the text says")) == problem)
    }

    @Test("a file that is not a database is told as damaged, from the real error")
    func notADatabase() throws {
        let path = NSTemporaryDirectory() + "not-a-db-\(UUID().uuidString.prefix(6)).db"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect { _ = try AppDatabase(path: path) } throws: { StorageProblem($0) == .damaged }
    }

    @Test("every problem has words in Vietnamese and in English")
    func messages() throws {
        let strings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/data/strings")
        for language in ["vi", "en"] {
            let table = try JSONSerialization.jsonObject(with: Data(contentsOf: strings.appendingPathComponent("\(language).json")))
                as? [String: String] ?? [:]
            for problem in StorageProblem.allCases {
                #expect(table["storage.\(problem.rawValue)"]?.isEmpty == false, "\(language): storage.\(problem.rawValue)")
            }
        }
    }
}
