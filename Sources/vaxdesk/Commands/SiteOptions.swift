import ArgumentParser
import Foundation
import VaxCore

/// Options every command that works on a site database takes.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site database (default: $XDG_DATA_HOME/vaxdesk/site.db).")
    var db: String?

    @Option(name: .long, help: "Interface language: vi (default) or en.")
    var lang: String = ProcessInfo.processInfo.environment["VAXDESK_LANG"] ?? "vi"

    var databasePath: String {
        if let db { return (db as NSString).expandingTildeInPath }
        let environment = ProcessInfo.processInfo.environment
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("vaxdesk/site.db")
    }

    var language: Language { Language(rawValue: lang) ?? .vietnamese }

    mutating func validate() throws {
        guard Language(rawValue: lang) != nil else {
            throw ValidationError("--lang must be vi or en, not '\(lang)'.")
        }
    }
}
