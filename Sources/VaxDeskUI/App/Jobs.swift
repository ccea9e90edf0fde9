import Foundation
import VaxCore

/// A roster import, as the desk keeps it while it runs and once it ended: the site lead may lock the
/// desk, switch station or sign out meanwhile, and finds the outcome on the import screen.
public enum RosterImportJob: Hashable, Sendable {
    case running(done: Int, total: Int)
    case finished(RosterImportSummary, errorsFile: String?)
    /// It could not start, or failed: nothing was written.
    case failed(String)

    /// Takes the import's news.
    mutating func receive(_ news: RosterImportEffect.Answer) {
        switch news {
        case .progress(let done, let total):
            if case .running = self { self = .running(done: done, total: total) }
        case .finished(let summary, let errorsFile):
            self = .finished(summary, errorsFile: errorsFile)
        case .failed(let message):
            self = .failed(message)
        }
    }
}
