import Foundation
import VaxCore
import VaxDemo
import VaxStore

/// Creates the demo site in a database that has none: the site, its staff, today's open session with
/// its lots, and a synthetic roster.
enum DemoSetup {
    /// Returns false when the database already had a site (nothing is changed then).
    @discardableResult
    static func ensure(
        _ database: AppDatabase, people: Int, seed: UInt64 = 2021, progress: ((Int) -> Void)? = nil
    ) throws -> Bool {
        let timeZone = LocalDay.vietnam
        let now = Date()
        let demo = DemoSite(today: now, timeZone: timeZone)
        let lead = demo.staff.first { $0.role == .siteLead }
        guard try database.createSite(
            demo.site, staff: demo.staff, pins: DemoSite.pins, session: demo.session, lots: demo.lots, openedBy: lead?.id,
            demo: true, at: now)
        else { return false }
        try database.insertRoster(DemoRoster(count: people, seed: seed), source: .demo, at: now, progress: progress)
        return true
    }

    /// Removes a database file with its WAL, shared-memory and lock files.
    static func remove(at path: String) {
        for suffix in ["", "-wal", "-shm", ".lock"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
