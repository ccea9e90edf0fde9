import Foundation
import GRDB
import Testing
import VaxCore
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

    @Test("every storage problem and every missing record has words in Vietnamese and in English")
    func messages() throws {
        let strings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/data/strings")
        for language in ["vi", "en"] {
            let table = try JSONSerialization.jsonObject(with: Data(contentsOf: strings.appendingPathComponent("\(language).json")))
                as? [String: String] ?? [:]
            for problem in StorageProblem.allCases {
                #expect(table["storage.\(problem.rawValue)"]?.isEmpty == false, "\(language): storage.\(problem.rawValue)")
            }
            for missing in Missing.allCases {
                #expect(table[VisitError.notFound(missing).messageKey]?.isEmpty == false, "\(language): \(missing)")
            }
        }
    }
}

/// A stored row that does not read is refused: no invented id, sex or birth date reaches a desk.
@Suite("Rows that do not read")
struct BadRowTests {
    @Test("a person whose stored id is not one makes the search fail, naming the column")
    func badPersonID() throws {
        let path = NSTemporaryDirectory() + "bad-row-\(UUID().uuidString.prefix(6)).db"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try AppDatabase(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO person (id, full_name, folded_name, birth_date, sex, source, created_at)
                VALUES ('not-an-id', 'Nguyễn Văn Đức', 'nguyen van duc', '1985-03-07', 'M', 'test', '2026-11-26')
                """)
        }
        #expect {
            _ = try database.searchRoster(RosterQuery("duc"), limit: 10)
        } throws: { error in
            (error as? BadStoredValue)?.column == "person.id"
        }
    }
}
