import ArgumentParser
import Foundation
import VaxCentral
import VaxCore

/// The centre's own check of the sites' audit chains: what it holds of each, and every row it saw with
/// two hashes (a trail changed after the centre saw it, or a site restored from a backup).
struct AuditHeadsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-heads",
        abstract: "Per site: the audit chain heads the centre saw, and every row seen with two hashes (exit status 1 if any).",
        discussion: """
            A site whose row was seen with two hashes changed its trail after the centre saw it, or was \
            restored from a backup (its own `vaxdesk audit verify --central` tells which rows).
            """)

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let (summaries, contradictions) = try await store.withStorage { storage in
            (try await storage.auditHeadSummaries(), try await storage.auditContradictions())
        }
        let formatter = ISO8601DateFormatter()
        for site in summaries {
            let newest = site.newest.map { "row \($0), seen \(site.newestSeen.map(formatter.string) ?? "")" } ?? "no head yet"
            print([site.site, "\(site.heads) heads", newest].map(Printable.text).joined(separator: "\t"))
        }
        for contradiction in contradictions {
            print(Printable.text("\(contradiction.site): row \(contradiction.seq) seen with \(contradiction.hashes) hashes, "
                + "first \(formatter.string(from: contradiction.firstSeen)), last \(formatter.string(from: contradiction.lastSeen)): "
                + "the trail was changed after the centre saw it, or the site was restored from a backup"))
        }
        if !contradictions.isEmpty { throw ExitCode(1) }
    }
}
