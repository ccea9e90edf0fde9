import Crypto
import Foundation
import GRDB
import Testing
import TestSupport
import VaxCore
import VaxStore

/// The schema's history is frozen: every shipped migration is held to the checksum of its file, a
/// database from a newer program is refused, and a bulk import puts back exactly the schema it found.
@Suite("Migrations")
struct MigrationTests {
    /// Recorded when each migration shipped. A new migration adds a line; no line ever changes.
    static let shipped: [(identifier: String, file: String, sha256: String)] = [
        ("v1-site-store", "V01SiteStore.swift", "13eb121a3ff56b8ac19d5fc24f791308ac31fc657712e5a30c9b7a014635d1b4"),
        ("v2-person-name-birth-index", "V02PersonNameBirthIndex.swift", "4b11c1aafa92e3dfb23f5594f26c30f999bf03f9c89b10e98c7dea2bf560e948"),
        ("v3-search-digits", "V03SearchDigits.swift", "a6789887d341a78e2a5caa49b82a8c21bb25e3947641acb618f047297dbcccf1"),
        ("v4-visit-dose-rules", "V04VisitDoseRules.swift", "0fc513ff37316ffaf3c4fe067eb2c999e2297983adfb6965a68cd62919fef196"),
        ("v5-search-prefixes-to-six", "V05SearchPrefixesToSix.swift", "379f5b97ae1dc6193d9bbfb563f51a8bd01ff9e7e9c5d86512ccf6a51567b7c8"),
        ("v6-screening-vitals", "V06ScreeningVitals.swift", "a3637af9551b8577d15d35c7acb754671cdab719e615215b3383ffd71133bee9"),
        ("v7-aefi-acknowledged", "V07AEFIAcknowledged.swift", "fd8ab2b33e238f4bade6db67d8b5be33b742ad4ae6ad0103fb07df3525a8bad3"),
        ("v8-amendments", "V08Amendments.swift", "68caea49cab70fc5afc2ba77480fc4687b09cd2b55eef3603aee124f67cb150b"),
        ("v9-audit-chain", "V09AuditChain.swift", "84846d4a1f25f35e38f645bc30405a638b44d4ab9d774e23715fbee81fbd160d"),
        ("v10-staff-pins", "V10StaffPINs.swift", "9996ef583dc85b05a5d83f9c3fbd92958dd355ca08245daf929372055dd12ddb"),
        ("v11-sync", "V11Sync.swift", "7edb9a9b4b9d3598a142297dfd178f610b73a5c0dd5754ce24c8c72f427054b8"),
        ("v12-allowed-products-json", "V12AllowedProductsAsJSON.swift", "c4a1e7dc612141429f488e8844083ac3b4a35f291ae7ec0c0a57e717d0d66283"),
        ("v13-backups", "V13Backups.swift", "62f506daa16b69c16f795ec516d6e4fed4fe696ea17c539c92cf814e77a4e70d"),
        ("v14-screening-answered", "V14ScreeningAnswered.swift", "a0976102735fbc5df459e2b19a10bddb0db915cf526c07c8be17d7af7465abb8"),
        ("v15-visit-claims", "V15VisitClaims.swift", "a9183eb3ae0b9e6301a40affceaed784ed33ab9352caa47adfb8659e1f7304d4"),
        ("v16-left-without-dose", "V16LeftWithoutDose.swift", "6ccebf999e7f3adf973a97af8ec2f23fa315357b8fa8a41fccf5ada59f5c7ae9"),
        ("v17-demo-site", "V17DemoSite.swift", "504c9f07f3d08376387312068c62e57a9fb1c59366794e9357311ed9d5fd9a41"),
        ("v18-keyed-pins", "V18KeyedPINs.swift", "bc7ba86a69c1d5fc8a166273f45a23011bcad2e4dfafa8493582029b0d42593f"),
        ("v19-aefi-outcome", "V19AdverseEventOutcome.swift", "41be40d7a0ff83a28e6f557cf17d68ea9cf111964191ec8e3ea92f90d7de795f"),
        ("v20-person-corrections", "V20PersonCorrections.swift", "163c66870107f5ba7ae855a536717be441fda583ca249f70b730fde5cf342d81"),
        ("v21-voided-records", "V21VoidedRecords.swift", "b4c48941b23951f73f3d56058ef15cdf164d0b24078ae59c4a01999f38a7d639"),
        ("v22-merged-people", "V22MergedPeople.swift", "272d9ff09140286aed33f69983b5c5dd3b3090252cb439453553f9f5e44d11fa"),
        ("v23-aefi-report", "V23AdverseEventReport.swift", "054359c9567f8ca98e08da1dcfad4456637979b993653ffc7fbb9f3071c65a93"),
        ("v24-signed-certificates", "V24SignedCertificates.swift", "e93a1cfef34103027922e20442c66f839464ac5cb2bd68b6c2cafdec7b2879f1"),
        ("v25-published-lists", "V25PublishedLists.swift", "3714ed76ed6b171f13f2e8e4414e0fe901ba7d6e1c500035b91852f3c428d14e"),
        ("v26-pulled-records", "V26PulledRecords.swift", "b029f831e65a3ad934830bfb670f088c8594ee808054b2066c74a5c3d1d92b6c"),
        ("v27-pulled-people", "V27PulledPeople.swift", "a087100eec89b38a85dc3c8ff5a1089b04e7a5f9664835675f346071c58a205e"),
        ("v28-registrations", "V28Registrations.swift", "ba4546776391e7aebb3caf5517a7d42b6d0e4582ac8b21ef84c3bcd90c5a6514"),
    ]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/VaxStore/Migrations")

    @Test("every shipped migration's file is as it shipped, and they run in the order they shipped")
    func frozen() throws {
        #expect(AppDatabase.schemaVersions.prefix(Self.shipped.count).elementsEqual(Self.shipped.map(\.identifier)))
        for migration in Self.shipped {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(migration.file))
            let sum = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            #expect(sum == migration.sha256, "\(migration.file) changed after it shipped: write a new migration instead")
        }
    }

    @Test("a migration added since is recorded here too, with its file")
    func everyMigrationRecorded() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasPrefix("V") }.sorted()
        #expect(files == Self.shipped.map(\.file).sorted())
        #expect(AppDatabase.schemaVersions.count == Self.shipped.count)
    }

    @Test("a database written by a newer program is refused, naming the migration, and left as it was")
    func newerSchema() throws {
        let directory = TemporaryDirectory("newer-schema")
        let path = directory.file("site.db")
        _ = try AppDatabase(path: path)
        let newer = try DatabaseQueue(path: path)
        try newer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try newer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            _ = try AppDatabase(path: path)
        } throws: { error in
            (error as? AppDatabase.NewerSchema)?.unknownMigrations == ["v99-from-the-future"]
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("v12 turns the comma-separated products of a visit into a JSON array that the store reads")
    func allowedProductsAsJSON() throws {
        let f = try StoreFixture()
        let person = try #require(try f.database.rosterPeople(first: 50).first { person in
            (try? f.database.doseHistory(personID: person.id).isEmpty) == true
        })
        let ticket = try f.database.checkIn(personID: person.id, catalog: StoreFixture.catalog, by: f.staff(.checkInNurse).id, at: f.now)
        // As v11 left it: a list as comma-separated text, and v12 not yet run.
        try DatabaseQueue(path: f.database.path).write { db in
            try db.execute(sql: "UPDATE visit SET allowed_products = 'pfizer,moderna' WHERE id = ?", arguments: [ticket.visitID.uuidString])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v12-allowed-products-json'")
        }
        let reopened = try AppDatabase(path: f.database.path)
        let stored = try DatabaseQueue(path: f.database.path).read { db in
            try String.fetchOne(db, sql: "SELECT allowed_products FROM visit WHERE id = ?", arguments: [ticket.visitID.uuidString])
        }
        #expect(stored == #"["pfizer","moderna"]"#)
        let entry = try #require(try reopened.queue(at: .waitingScreening).first { $0.visitID == ticket.visitID })
        #expect(entry.allowedProducts == ["pfizer", "moderna"])
    }

    /// A first import into an empty roster drops the roster's indexes and triggers and puts them back:
    /// read from the schema itself, not from a copy in the code that could drift from it.
    @Test("a bulk import leaves the schema exactly as it found it")
    func bulkImportRestoresSchema() throws {
        let directory = TemporaryDirectory("bulk-schema")
        let path = directory.file("site.db")
        let schema = { () throws -> [String] in
            try DatabaseQueue(path: path).read { db in
                try String.fetchAll(db, sql: "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            }
        }
        _ = try AppDatabase(path: path)
        let before = try schema()
        let csv = directory.file("roster.csv")
        try """
            Họ và tên,Ngày sinh,Giới tính,Số CCCD/CMND
            Nguyễn Văn Đức,07/03/1985,Nam,091085012345
            Phạm Thị Thu Hà,1942,Nữ,091142000777
            """.write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try BuiltProgram.run(["import", "roster", csv, "--db", path]).status == 0)
        #expect(try schema() == before)
        let database = try AppDatabase(path: path)
        #expect(try database.rosterCount() == 2)
        #expect(try database.searchRoster(RosterQuery("duc"), limit: 5).count == 1, "the search index was rebuilt")
    }
}
