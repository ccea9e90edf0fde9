import Foundation
import VaxCore
import VaxStore

/// Pulls the site's catchment from the centre, page by page from where the last pull stopped: each
/// page filed with its cursor in one transaction, so a pull cut anywhere (the network, a power cut)
/// resumes with no gap and no duplicate.
public struct Puller: Sendable {
    public let database: AppDatabase
    public let transport: HTTPTransport
    public let pageSize: Int

    public init(database: AppDatabase, transport: HTTPTransport, pageSize: Int = 500) {
        self.database = database
        self.transport = transport
        self.pageSize = pageSize
    }

    public struct Outcome: Sendable, Equatable {
        public var pages = 0, people = 0, doses = 0
    }

    /// Pulls until the centre has nothing more (or `maxPages` pages); what it brought.
    public func pull(maxPages: Int = .max, at clock: () -> Date = Date.init) throws -> Outcome {
        var outcome = Outcome()
        while outcome.pages < maxPages {
            let cursor = try database.pullState()?.cursor ?? "0.0"
            let page = try transport.pull(after: cursor, limit: pageSize)
            let filed = try database.filePull(page.entries.map { PulledRecord($0.resource, site: $0.site) },
                                              cursor: page.cursor, at: clock())
            outcome.pages += 1
            outcome.people += filed.people
            outcome.doses += filed.doses
            if !page.more { break }
        }
        return outcome
    }
}
