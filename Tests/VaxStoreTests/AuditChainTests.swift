import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore

/// The audit trail as a hash chain: tampering through the sqlite3 shell is found at the row tampered with.
@Suite("The audit trail's hash chain", .serialized)
struct AuditChainTests {
    /// A site with a few people through check-in and screening: a dozen audit rows.
    static func site() throws -> (StoreFixture, String) {
        let f = try StoreFixture()
        for index in 0..<4 {
            let ticket = try f.checkIn(try f.person(named: "Người Thứ \(index)"))
            _ = try f.screen(ticket.visitID)
        }
        return (f, f.directory.file("site.db"))
    }

    @Test("an untouched trail verifies; UPDATE and DELETE are refused by the database itself")
    func intact() throws {
        let (f, path) = try Self.site()
        guard case .intact(let rows) = try f.database.verifyAudit() else { Issue.record("broken"); return }
        #expect(rows == 9, "session opened, four check-ins, four screenings")
        #expect(!SQLiteShell.succeeds(path, "UPDATE audit SET detail = 'x' WHERE seq = 3"))
        #expect(!SQLiteShell.succeeds(path, "DELETE FROM audit WHERE seq = 3"))
        let (status, output) = try BuiltProgram.run(["audit", "verify", "--db", path])
        #expect(status == 0 && output.contains("Nhật ký nguyên vẹn"))
    }

    @Test("a row altered through the shell (its triggers dropped first) is named")
    func altered() throws {
        let (f, path) = try Self.site()
        #expect(SQLiteShell.succeeds(path, "DROP TRIGGER audit_no_update; UPDATE audit SET staff_id = NULL WHERE seq = 5"))
        #expect(try f.database.verifyAudit() == .altered(seq: 5))
        let (status, output) = try BuiltProgram.run(["audit", "verify", "--db", path])
        #expect(status == 1 && output.contains("dòng 5"))
    }

    @Test("a row removed, or two rows swapped, is found where the chain breaks")
    func removedAndReordered() throws {
        let (f, path) = try Self.site()
        #expect(SQLiteShell.succeeds(path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 4"))
        #expect(try f.database.verifyAudit() == .missingBefore(seq: 5))
        let (g, other) = try Self.site()
        #expect(SQLiteShell.succeeds(other, """
            DROP TRIGGER audit_no_update;
            UPDATE audit SET seq = -1 WHERE seq = 6; UPDATE audit SET seq = 6 WHERE seq = 7; UPDATE audit SET seq = 7 WHERE seq = -1;
            """))
        #expect(try g.database.verifyAudit() == .altered(seq: 6))
    }
}
