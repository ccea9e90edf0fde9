import Foundation
import Testing
import TestSupport
import VaxCore
import VaxStore
import VaxSync

/// A site restored from a backup carries on with the centre: what it sends again is kept once.
@Suite("Restore and the centre", .serialized)
struct RestoreThroughCentreTests {
    /// Sends everything pending, with a pusher that lets go of the database afterwards.
    static func pushAll(_ path: String, _ central: CentralServer) async throws {
        let database = try AppDatabase(path: path)
        let pusher = Pusher(database: database, transport: HTTPTransport(baseURL: central.baseURL + "/fhir", token: central.token, timeout: 60),
                            mapping: SyncTests.mapping(), batchSize: 200, backoff: Backoff(base: 0.05, cap: 0.2))
        _ = try await SyncTests.pushing { try SyncTests.drain(pusher, database) }
        pusher.releaseLease()
        #expect(try database.pendingOutboxCount() == 0)
    }

    /// Doses from paper records for `count` people of the roster from `offset` on: more work, of a kind
    /// that reaches the centre as Immunizations.
    static func recordPaperDoses(_ path: String, offset: Int, count: Int) throws -> Int {
        let database = try AppDatabase(path: path)
        let lead = try #require(try database.staff().first { $0.role == .siteLead })
        let people = try database.rosterPeople(first: offset + count).dropFirst(offset).filter { $0.identityNumber != nil }
        let doses = people.enumerated().map { index, person in
            (line: index + 2, dose: BackfillDose(identityNumber: person.identityNumber, fullName: nil, birthDate: nil,
                                                 dose: PriorDose(doseNumber: 1, productCode: "astrazeneca", givenOn: "2021-08-10")))
        }
        return try database.backfill(doses, source: "sổ tiêm giấy", by: lead.id, at: Date()).added
    }

    @Test("work, back up, send, work more, send, restore, send again: every record at the centre exactly once")
    func restoreThenPush() async throws {
        let directory = TemporaryDirectory("restore-centre")
        let path = try SyncTests.simulatedSite(directory, people: 300)
        let beforeBackup = try SyncTests.immunizationRecords(path)
        let backup = try AppDatabase(path: path).backUp(into: directory.file("usb"), keep: 4, at: Date()).path

        let central = try CentralServer(in: directory)
        try central.start()
        defer { central.stop() }
        try await Self.pushAll(path, central)
        #expect(try await SyncTests.count(central, "Immunization") == beforeBackup)
        let later = try Self.recordPaperDoses(path, offset: 200, count: 60)
        #expect(later > 40)
        try await Self.pushAll(path, central)
        let patients = try await SyncTests.count(central, "Patient")
        #expect(try await SyncTests.count(central, "Immunization") == beforeBackup + later)

        // The disk dies; the backup, taken before anything was sent, goes back in.
        let run = try BuiltProgram.runWithErrors(["restore", "--db", path, "--from", backup, "--force", "--lang", "en"])
        #expect(run.status == 0, "\(run.errors)")
        let restored = try AppDatabase(path: path)
        #expect(try restored.pendingOutboxCount() >= beforeBackup, "what waited at the backup is sent again")
        let paperDoses = "SELECT COUNT(*) FROM prior_dose"
        #expect(try SQLiteShell.scalar(path, paperDoses) == SQLiteShell.scalar(backup, paperDoses), "the later work is not in the backup")

        try await Self.pushAll(path, central)
        #expect(try await SyncTests.count(central, "Immunization") == beforeBackup + later, "nothing twice, nothing lost")
        #expect(try await SyncTests.count(central, "Patient") == patients)
        let someInjection = try SQLiteShell.text(path, "SELECT id FROM injection ORDER BY rowid LIMIT 1")
        #expect(try await SyncTests.count(central, "Immunization?identifier=urn:ietf:rfc:3986%7Curn:uuid:\(someInjection)") == 1)

        // The restored site carries on: new work goes as usual.
        let more = try Self.recordPaperDoses(path, offset: 270, count: 10)
        try await Self.pushAll(path, central)
        #expect(try await SyncTests.count(central, "Immunization") == beforeBackup + later + more)
    }

    @Test("the sync service with --backup-to takes a checked backup as it starts; the database records it")
    func scheduledBackup() throws {
        let directory = TemporaryDirectory("backup-service")
        let path = try SyncTests.simulatedSite(directory, people: 100)
        let central = try CentralServer(in: directory)
        try central.start()
        defer { central.stop() }
        let tokenFile = central.tokenFile(in: directory)
        let usb = directory.file("usb")
        let sync = ["sync", "--once", "--db", path, "--central", central.baseURL + "/fhir", "--token-file", tokenFile, "--backup-to", usb]
        #expect(try BuiltProgram.run(sync).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: usb).sorted()
        let first = files.filter { !$0.hasSuffix(".key") }
        #expect(first.count == 1, "\(files)")
        #expect(files.contains(first[0] + ".key"), "the site key goes with the backup: \(files)")
        let check = try BackupCheck(path: usb + "/" + first[0])
        #expect(check.problem == nil)
        #expect(try AppDatabase(path: path).lastBackup()?.path == usb + "/" + first[0])
    }
}
