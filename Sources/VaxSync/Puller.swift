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
        /// The registrations for the site's sessions of the coming week; nil when the centre gave none
        /// (`registrationsFailed` says why).
        public var registrations: Int?
        public var registrationsFailed: String?
    }

    /// Pulls until the centre has nothing more (or `maxPages` pages), then the registrations for the
    /// site's sessions of the coming week; what it brought.
    public func pull(maxPages: Int = .max, at clock: () -> Date = Date.init) throws -> Outcome {
        var outcome = Outcome()
        // The next page is asked for while this one is filed: the centre's work and the site's overlap.
        var next: PageFetch? = maxPages > 0
            ? PageFetch(transport, after: try database.pullState()?.cursor ?? "0.0", limit: pageSize) : nil
        while let fetch = next {
            let page = try fetch.page()
            outcome.pages += 1
            next = page.more && outcome.pages < maxPages ? PageFetch(transport, after: page.cursor, limit: pageSize) : nil
            let filed = try database.filePull(page.entries.map { PulledRecord($0.resource, site: $0.site) },
                                              cursor: page.cursor, at: clock())
            outcome.people += filed.people
            outcome.doses += filed.doses
        }
        // The appointments are a list of their own, given whole: a centre that keeps none (or an
        // older one) never stops the pull of doses.
        do {
            let filed = try database.fileRegistrations(try transport.registrations(), at: clock())
            outcome.registrations = filed.registrations
        } catch {
            outcome.registrationsFailed = Pusher.describe(error)
        }
        return outcome
    }
}

/// One page of a pull, asked for on a thread of its own; `page()` waits for it.
private final class PageFetch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<PullPage, Error>?

    init(_ transport: HTTPTransport, after cursor: String, limit: Int) {
        Thread.detachNewThread { [self] in
            result = Result { try transport.pull(after: cursor, limit: limit) }
            done.signal()
        }
    }

    func page() throws -> PullPage {
        done.wait()
        return try result!.get()
    }
}
