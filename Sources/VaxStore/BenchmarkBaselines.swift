import Foundation
import GRDB

extension AppDatabase {
    /// The plainest search SQLite offers on the same data: an FTS5 prefix query on the folded names,
    /// with no join, ranking or dose counts. Benchmarks measure `searchRoster` beside it.
    public func plainPrefixSearch(_ ftsExpression: String, limit: Int) throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(
                db, sql: "SELECT rowid FROM person_search WHERE person_search MATCH ? LIMIT ?",
                arguments: [ftsExpression, limit])
        }
    }
}
