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
        guard try database.site() == nil else { return false }
        let timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let now = Date()
        let demo = DemoSite(today: now, timeZone: timeZone)
        try database.createSite(demo.site)
        for member in demo.staff { try database.addStaff(member, siteID: demo.site.id) }
        let lead = demo.staff.first { $0.role == .siteLead }
        try database.openSession(demo.session, team: demo.staff.map(\.id), lots: demo.lots, by: lead?.id, at: now)
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
