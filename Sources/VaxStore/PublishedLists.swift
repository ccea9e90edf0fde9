import Foundation
import GRDB
import VaxCore

/// The centre's signed lists a site keeps: who may sign certificates, and which are revoked.
public enum PublishedList: String, Sendable, CaseIterable {
    case trustList = "trust-list"
    case revocations
}

extension AppDatabase {
    /// Keeps the list as fetched (its signature is checked by whoever reads it, each time).
    public func savePublishedList(_ kind: PublishedList, _ json: Data, at date: Date) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO published_list (kind, json, fetched_at) VALUES (?, ?, ?)
                    ON CONFLICT(kind) DO UPDATE SET json = excluded.json, fetched_at = excluded.fetched_at
                    """,
                arguments: [kind.rawValue, json, date])
        }
    }

    /// The list as last fetched, and when; nil when never.
    public func publishedList(_ kind: PublishedList) throws -> (json: Data, fetchedAt: Date)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT json, fetched_at FROM published_list WHERE kind = ?", arguments: [kind.rawValue])
                .map { ($0["json"], $0["fetched_at"]) }
        }
    }
}
