import Foundation
import VaxCore

/// A roster import, as the desk keeps it while it runs and once it ended: the site lead may lock the
/// desk, switch station or sign out meanwhile, and finds the outcome on the import screen.
public enum RosterImportJob: Hashable, Sendable {
    case running(done: Int, total: Int)
    case finished(RosterImportSummary, errorsFile: String?)
    /// It could not start, or failed: nothing was written.
    case failed(String)

    /// Takes a result addressed to the job; false when it is not one of the job's.
    mutating func receive(_ result: AppResult) -> Bool {
        switch result {
        case .importProgress(let done, let total):
            if case .running = self { self = .running(done: done, total: total) }
        case .rosterImported(let summary, let errorsFile):
            self = .finished(summary, errorsFile: errorsFile)
        case .importFailed(let message):
            self = .failed(message)
        default:
            return false
        }
        return true
    }
}
