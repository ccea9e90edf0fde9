import Foundation
import GRDB
import Testing
import TestSupport
import VaxCentral
import VaxCore
@testable import VaxStore

/// The audit chain anchored at the centre: each push carries the chain's head, the centre keeps every
/// head it saw, and a trail rewritten from the database file, which `audit verify` alone calls intact,
/// no longer matches them.
@Suite("The audit chain anchored at the centre", .serialized)
struct AuditAnchorTests {
    @Test("a trail rewritten from the file, or cut at its end, is found with --central; the centre names a row seen with two hashes",
          arguments: SyncTests.Storage.allCases)
    func rewrittenTrail(storage: SyncTests.Storage) async throws {
        let directory = TemporaryDirectory("audit-anchor")
        let postgres = storage == .postgres ? try PostgresServer() : nil
        let path = try SyncTests.simulatedSite(directory, people: 40)
        let central = try CentralServer(in: directory, postgres: postgres?.url)
        try central.start()
        defer { central.stop() }
        let tokenFile = central.tokenFile(in: directory)
        let centre = ["--central", central.baseURL + "/fhir", "--token-file", tokenFile, "--lang", "en"]
        let sync = ["sync", "--once", "--db", path] + centre
        let verify = ["audit", "verify", "--db", path] + centre

        // Three pushes, each after more work: three heads at the centre.
        var written: Int64 = 0
        for round in 0..<3 {
            if round > 0 {
                let before = try #require(try AppDatabase(path: path).auditHead()).seq
                _ = try RestoreThroughCentreTests.recordPaperDoses(path, offset: round * 10, count: 5)
                written = try #require(try AppDatabase(path: path).auditHead()).seq - before
            }
            #expect(try BuiltProgram.run(sync).status == 0)
        }
        let listed = try await SyncTests.get(central.baseURL + "/audit-heads", token: central.token)
        let heads = try ISO8601JSON.decoder().decode(SeenAuditHead.List.self, from: Data(listed.body.utf8)).heads.map(\.seq)
        try #require(heads.count == 3, "\(listed.body)")
        let seen = try BuiltProgram.runWithErrors(verify)
        #expect(seen.status == 0, "\(seen.output) \(seen.errors)")
        #expect(seen.output.contains("The centre saw 3 heads of this trail, up to row \(heads[2]): every one matches"), "\(seen.output)")

        // A row between the first and the second head is changed and the chain computed again: the
        // trail alone still verifies.
        let changed = heads[0] + 2
        try Self.rewrite(path) { seq, detail in seq == changed ? "nothing happened here" : detail }
        let alone = try BuiltProgram.run(["audit", "verify", "--db", path, "--lang", "en"])
        #expect(alone.status == 0 && alone.output.contains("intact"), "a rewrite fools the trail alone: \(alone.output)")
        let found = try BuiltProgram.runWithErrors(verify)
        #expect(found.status == 1)
        #expect(found.output.contains("Row \(heads[1]), as the centre saw it on"), "\(found.output)")
        #expect(found.output.contains("after row \(heads[0]) and up to row \(heads[1])"), "\(found.output)")

        // The old content back gives the same hashes again; then the newest rows are cut off, as many
        // as one round of work wrote.
        try Self.rewrite(path) { seq, detail in seq == changed ? nil : detail }
        #expect(try BuiltProgram.runWithErrors(verify).status == 0, "the old content back: the same hashes again")
        try Self.cut(path, after: heads[2] - written)
        let cut = try BuiltProgram.runWithErrors(verify)
        #expect(cut.status == 1)
        #expect(cut.output.contains("The centre saw row \(heads[2]) on"), "\(cut.output)")
        #expect(cut.output.contains("this trail ends at row \(heads[2] - written)"), "\(cut.output)")

        // The same work again takes the cut rows' numbers: the centre sees row heads[2] again with
        // another hash, takes the records, and its own check names the row.
        #expect(try central.commandWithStatus(["audit-heads"]).status == 0)
        _ = try RestoreThroughCentreTests.recordPaperDoses(path, offset: 30, count: 5)
        #expect(try #require(try AppDatabase(path: path).auditHead()).seq == heads[2], "a round writes as many rows as before")
        let before = try await SyncTests.count(central, "Immunization")
        #expect(try BuiltProgram.run(sync).status == 0)
        #expect(try await SyncTests.count(central, "Immunization") == before + 5, "the records are still taken")
        let check = try central.commandWithStatus(["audit-heads"])
        #expect(check.status == 1)
        #expect(check.output.contains("91-RG-VTV: row \(heads[2]) seen with 2 hashes"), "\(check.output)")
    }

    @Test("a site reads only its own heads; a malformed head is refused in words")
    func ownHeadsOnly() async throws {
        let directory = TemporaryDirectory("audit-heads-access")
        let central = try CentralServer(in: directory, site: "site-A")
        let tokenB = try central.addSite("site-B")
        let officer = try central.addOfficer("tinh-91", ["--province", "91"])
        try central.start()
        defer { central.stop() }
        let head = AuditHead(seq: 7, hash: String(repeating: "ab", count: 32))
        let sent = try await SyncTests.post(central.baseURL + "/fhir", token: central.token,
                                            body: try CentralBoundsTests.bundle(people: 1), headers: [AuditHead.headerName: head.header])
        #expect(sent.status == 200, "\(sent)")
        let own = try await SyncTests.get(central.baseURL + "/audit-heads", token: central.token)
        let list = try ISO8601JSON.decoder().decode(SeenAuditHead.List.self, from: Data(own.body.utf8))
        #expect(list.site == "site-A" && list.heads.map(\.seq) == [7] && list.heads.first?.hash == head.hash)
        let other = try await SyncTests.get(central.baseURL + "/audit-heads", token: tokenB)
        #expect(other.body.contains("\"heads\":[]"), "site B sees none of A's: \(other.body)")
        #expect(try await SyncTests.get(central.baseURL + "/audit-heads?site=site-A", token: officer).status == 403)
        #expect(try await SyncTests.get(central.baseURL + "/audit-heads", token: nil).status == 401)

        let malformed = try await SyncTests.post(central.baseURL + "/fhir", token: central.token,
                                                 body: try CentralBoundsTests.bundle(people: 1), headers: [AuditHead.headerName: "7 nope"])
        #expect(malformed.status == 400 && malformed.body.contains("row number and its 64-digit hash"), "\(malformed)")
    }

    /// Rewrites the trail from its file as someone with the disk could: the triggers dropped, each row's
    /// detail as `change` says (nil: the original), every hash computed again, the triggers put back.
    static func rewrite(_ path: String, change: (Int64, String?) -> String?) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")
            try db.execute(sql: "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete")
            if try !db.tableExists("audit_original") {
                try db.execute(sql: "CREATE TABLE audit_original AS SELECT seq, detail FROM audit")
            }
            var previous = ""
            for row in try Row.fetchAll(db, sql: "SELECT a.*, o.detail AS original FROM audit a JOIN audit_original o USING (seq) ORDER BY seq") {
                var fields = AuditLog.Fields(row: row)
                fields.detail = change(fields.seq, row["original"]) ?? row["original"]
                let hash = fields.hash(after: previous)
                try db.execute(sql: "UPDATE audit SET detail = ?, hash = ? WHERE seq = ?", arguments: [fields.detail, hash, fields.seq])
                previous = hash
            }
            for trigger in triggers { try db.execute(sql: trigger) }
        }
    }

    /// Removes every audit row after `seq`, as someone with the disk could.
    static func cut(_ path: String, after seq: Int64) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_no_delete'")
            try db.execute(sql: "DROP TRIGGER audit_no_delete")
            try db.execute(sql: "DELETE FROM audit WHERE seq > ?", arguments: [seq])
            for trigger in triggers { try db.execute(sql: trigger) }
        }
    }
}
