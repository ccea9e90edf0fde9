import Foundation
import VaxCore

/// Reading a roster file into the site's roster.
public struct RosterImportClient: Sendable {
    /// Imports a roster file (for seconds to minutes; the run loop calls it on a thread of its own),
    /// telling `progress` the rows written and about how many the file holds. A failure that the site
    /// lead can act on is thrown as `ImportRefusal`.
    public var run: @Sendable (
        _ path: String, _ by: UUID, _ progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void
    ) throws -> (RosterImportSummary, errorsFile: String?)

    /// A roster import that could not start or failed, nothing written: the message says why.
    public struct ImportRefusal: Error, Sendable {
        public let message: String
        public init(_ message: String) { self.message = message }
    }

    static let unimplemented = RosterImportClient(run: DeskClient.unset("rosterImport.run"))
}
