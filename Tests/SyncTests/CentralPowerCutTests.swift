import Foundation
import Testing
import TestSupport
import VaxCentral
import VaxCore
import VaxStore
import VaxSync
#if canImport(Glibc)
import Glibc
#endif

/// The centre's half of "exactly once": a site marks a record sent when the centre acknowledges it and
/// never sends it again, so what the centre acknowledged must be on the centre's disk first.
@Suite("The centre's acknowledgements survive a power cut", .serialized)
struct CentralPowerCutTests {
    @Test("the centre's SQLite writer commits with journal_mode=wal and synchronous=FULL")
    func writerSettings() throws {
        let directory = TemporaryDirectory("central-sync-full")
        let store = try CentralStore(path: directory.file("central.db"))
        #expect(try store.writerDurability() == .init(journalMode: "wal", synchronous: 2))
    }

    /// A site pushes its day to a centre whose database is on a disk that loses power; the power goes
    /// the moment the last acknowledgement arrives. The centre's machine boots with what its disk held:
    /// every Immunization the site was told is sent is there.
    @Test("a power cut right after the centre acknowledged: every acknowledged record is on its disk")
    func acknowledgedThenPowerCut() async throws {
        let directory = TemporaryDirectory("central-power-cut")
        let site = try SyncTests.simulatedSite(directory, people: 150)
        let disk = try PowerCutDisk()
        try disk.mount()
        let central = try CentralServer(in: directory, databasePath: disk.file("central.db"))
        try central.start()
        let database = try AppDatabase(path: site)
        let pusher = Pusher(
            database: database, transport: HTTPTransport(baseURL: central.baseURL + "/fhir", token: central.token, timeout: 30),
            mapping: SyncTests.mapping(), batchSize: 100, backoff: Backoff(base: 0.05, cap: 0.2))
        _ = try await SyncTests.pushing { try SyncTests.drain(pusher, database) }
        try disk.cutPower()
        central.stop(signal: SIGKILL)
        disk.unmount()
        #expect(try database.pendingOutboxCount() == 0, "the site was told everything is sent")
        let acknowledged = try SyncTests.immunizationRecords(site)
        #expect(acknowledged > 50)
        var stored = -1
        try disk.restart { platter in
            stored = try SQLiteShell.scalar(platter + "/central.db", "SELECT COUNT(*) FROM resource WHERE type = 'Immunization'")
        }
        #expect(stored == acknowledged, "the centre kept \(stored) of the \(acknowledged) Immunizations it acknowledged")
    }
}
