import Foundation
import VaxCore

/// The site lead's roster import: a job of the desk, whose news goes to the desk (`RosterImportJob`),
/// not to the screen that started it.
public enum RosterImportEffect: DeskEffect {
    case importRoster(path: String, by: UUID)

    public enum Answer: Sendable, Hashable {
        /// Rows written, and about how many the file holds.
        case progress(done: Int, total: Int)
        /// It ended; `errorsFile` lists the refused rows when there were any.
        case finished(RosterImportSummary, errorsFile: String?)
        /// It could not start or failed, nothing was written: the message says why.
        case failed(String)
    }

    /// The import writes, but the desk stays live while it runs: it is not waited for.
    public var isWrite: Bool { false }
    public var job: Job? { .rosterImport }

    public func perform(on client: DeskClient) throws -> Answer {
        try perform(on: client, progress: { _ in })
    }

    public func perform(on client: DeskClient, progress: @escaping @Sendable (Answer) -> Void) throws -> Answer {
        switch self {
        case .importRoster(let path, let by):
            do {
                let (summary, errorsFile) = try client.rosterImport.run(path, by) { done, total in
                    progress(.progress(done: done, total: total))
                }
                return .finished(summary, errorsFile: errorsFile)
            } catch let refusal as RosterImportClient.ImportRefusal {
                return .failed(refusal.message)
            }
        }
    }
}
